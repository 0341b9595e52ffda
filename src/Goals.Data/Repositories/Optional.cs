namespace Goals.Data.Repositories;

/// <summary>A field of a partial update: unset (leave the column alone) or set, possibly to null.</summary>
public readonly record struct Optional<T>
{
    public Optional(T value)
    {
        Value = value;
        HasValue = true;
    }

    public bool HasValue { get; }
    public T Value { get; }

    public static Optional<T> Unset => default;

    public static implicit operator Optional<T>(T value) => new(value);
}
