using Goals.GraphQL.Introspection;

namespace Goals.GraphQL.Types.Building;

internal sealed partial class SchemaBuildState
{
    /// <summary>graphql-js GraphQLSchema type map order (collectReferencedTypes).</summary>
    private List<NamedType> OrderTypes(ObjectType? query, ObjectType? mutation, ObjectType? subscription)
    {
        var set = new List<NamedType>();
        foreach (var name in _typeOrder) set.Add(_types[name]);

        var ordered = new List<NamedType>(set);
        var present = new HashSet<NamedType>(set);

        void Collect(GraphQLType type)
        {
            var named = type.Named;
            if (!present.Add(named)) return;
            ordered.Add(named);
            switch (named)
            {
                case UnionType u:
                    foreach (var m in u.Types) Collect(m);
                    break;
                case IFieldsContainer c:
                    foreach (var i in c.Interfaces) Collect(i);
                    foreach (var f in c.Fields.Values)
                    {
                        Collect(f.Type);
                        foreach (var a in f.Arguments.Values) Collect(a.Type);
                    }

                    break;
                case InputObjectType io:
                    foreach (var f in io.Fields.Values) Collect(f.Type);
                    break;
            }
        }

        foreach (var t in set)
        {
            ordered.Remove(t);
            present.Remove(t);
            Collect(t);
        }

        if (query is not null) Collect(query);
        if (mutation is not null) Collect(mutation);
        if (subscription is not null) Collect(subscription);
        foreach (var d in _directives.Values)
        {
            foreach (var a in d.Arguments.Values)
                Collect(a.Type);
        }

        Collect(IntrospectionTypes.SchemaType);
        return ordered;
    }
}
