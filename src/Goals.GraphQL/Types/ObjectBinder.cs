using Goals.GraphQL.Execution;

namespace Goals.GraphQL.Types;

/// <summary>Collects a CLR type's field bindings for <see cref="SchemaBuilder.BindType{TSource}"/>.</summary>
public sealed class ObjectBinder<TSource>
{
    internal List<(string Field, FieldResolver Resolver)> Bindings { get; } = [];

    /// <summary>A synchronous getter: no Task allocation, no reflection.</summary>
    public ObjectBinder<TSource> Field(string name, Func<TSource, object?> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        Bindings.Add((name, context => new ValueTask<object?>(getter((TSource)context.Source!))));
        return this;
    }

    public ObjectBinder<TSource> Field(string name, Func<TSource, IResolverContext, ValueTask<object?>> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Bindings.Add((name, context => resolver((TSource)context.Source!, context)));
        return this;
    }
}
