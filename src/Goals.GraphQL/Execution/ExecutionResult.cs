using System.Text.Json;

namespace Goals.GraphQL.Execution;

/// <summary>
/// The response of one request. Data is a tree of <see cref="ResultMap"/>, object?[] and serialized leaf values,
/// written to JSON in selection order by <see cref="WriteTo"/>.
/// </summary>
public sealed class ExecutionResult
{
    public ExecutionResult(ResultMap? data, bool hasData, IReadOnlyList<GraphQLError> errors)
    {
        Data = data;
        HasData = hasData;
        Errors = errors;
    }

    public static ExecutionResult FromErrors(IReadOnlyList<GraphQLError> errors) => new(null, false, errors);

    public ResultMap? Data { get; }

    /// <summary>False for request errors (syntax, validation, variable coercion): the response has no "data" key.</summary>
    public bool HasData { get; }

    public IReadOnlyList<GraphQLError> Errors { get; }
    public IDictionary<string, object?>? Extensions { get; set; }

    public void WriteTo(Utf8JsonWriter writer) => ResultWriter.Write(writer, this);
}

/// <summary>An object in the response: keys in selection order.</summary>
public sealed class ResultMap : List<KeyValuePair<string, object?>>
{
    public ResultMap() { }
    public ResultMap(int capacity) : base(capacity) { }

    public object? this[string key]
    {
        get
        {
            foreach (var pair in this)
                if (pair.Key == key) return pair.Value;
            throw new KeyNotFoundException(key);
        }
    }
}
