using System.Diagnostics.CodeAnalysis;

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

    [SuppressMessage("Design", "CA1000", Justification = "Optional<string>.Unset names the state at the call site, as default(Optional<string>) would not.")]
    public static Optional<T> Unset => default;

    public static implicit operator Optional<T>(T value) => new(value);
}
