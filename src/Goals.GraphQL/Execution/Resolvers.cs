using Goals.GraphQL.DataLoader;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Execution;

/// <summary>Resolves one field. Return a completed ValueTask for synchronous values (no allocation).</summary>
public delegate ValueTask<object?> FieldResolver(IResolverContext context);

/// <summary>Picks the object type of a value of an interface or union; returns the object type's name.</summary>
public delegate string? TypeResolver(object value, IResolverContext context);

/// <summary>What a resolver can see of the field it resolves and of the request.</summary>
public interface IResolverContext
{
    /// <summary>The parent value (the root value for root fields).</summary>
    object? Source { get; }

    Schema Schema { get; }
    ObjectType ParentType { get; }
    FieldDefinition Field { get; }

    /// <summary>The first field node of the merged field set (for locations in errors).</summary>
    FieldNode FieldNode { get; }

    OperationDefinitionNode Operation { get; }

    /// <summary>Coerced argument values: null, bool, int, double, string, enum internal values, custom scalar values,
    /// IReadOnlyList&lt;object?&gt; and IReadOnlyDictionary&lt;string, object?&gt; for input objects.
    /// An argument that was neither given nor defaulted is absent (not null).</summary>
    IReadOnlyDictionary<string, object?> Arguments { get; }

    /// <summary>The coerced variable values of the operation.</summary>
    IReadOnlyDictionary<string, object?> Variables { get; }

    /// <summary>The response path of this field: string keys and int indices.</summary>
    IReadOnlyList<object> Path { get; }

    /// <summary>The request's services (per-request scope when hosted in ASP.NET Core).</summary>
    IServiceProvider Services { get; }

    /// <summary>Whatever the host passed with the request (e.g. the authenticated principal).</summary>
    object? UserContext { get; }

    DataLoaderContext DataLoaders { get; }
    CancellationToken CancellationToken { get; }
}

public static class ResolverContextExtensions
{
    public static bool HasArgument(this IResolverContext context, string name) => context.Arguments.ContainsKey(name);

    public static T? GetArgument<T>(this IResolverContext context, string name) =>
        context.Arguments.TryGetValue(name, out var value) && value is T typed ? typed : default;
}
