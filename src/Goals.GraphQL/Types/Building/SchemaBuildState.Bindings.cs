using Goals.GraphQL.Execution;
using Goals.GraphQL.Introspection;
using Goals.GraphQL.Types.Scalars;

namespace Goals.GraphQL.Types.Building;

/// <summary>Resolvers, type resolvers and enum values bound by the app, attached to the built types and checked.</summary>
internal sealed partial class SchemaBuildState
{
    private void ApplyBindings()
    {
        foreach (var (typeName, fieldName, resolver) in _bindings.FieldBindings)
        {
            if (!_types.TryGetValue(typeName, out var type) || IntrospectionTypes.ByName.ContainsKey(typeName))
            {
                Problem($"Resolver bound to unknown type \"{typeName}\" (field \"{fieldName}\").");
                continue;
            }

            if (type is not ObjectType obj)
            {
                Problem($"Resolver bound to \"{typeName}.{fieldName}\", but \"{typeName}\" is not an object type.");
                continue;
            }

            if (!obj.Fields.TryGetValue(fieldName, out var field))
            {
                Problem($"Resolver bound to unknown field \"{typeName}.{fieldName}\"." +
                        Suggestions.DidYouMean(Suggestions.SuggestionList(fieldName, obj.Fields.Keys)));
                continue;
            }

            if (field.Resolver is not null)
            {
                Problem($"Field \"{typeName}.{fieldName}\" is bound more than once.");
                continue;
            }

            field.Resolver = resolver;
        }

        foreach (var (typeName, resolver) in _bindings.DefaultResolvers)
        {
            if (!_types.TryGetValue(typeName, out var type) || type is not ObjectType obj || IntrospectionTypes.ByName.ContainsKey(typeName))
            {
                Problem($"Default field resolver bound to \"{typeName}\", which is not an object type of the schema.");
                continue;
            }

            foreach (var field in obj.Fields.Values) field.Resolver ??= resolver;
        }

        foreach (var (typeName, resolver) in _bindings.TypeResolvers)
        {
            switch (_types.GetValueOrDefault(typeName))
            {
                case InterfaceType iface: iface.ResolveType = resolver; break;
                case UnionType union: union.ResolveType = resolver; break;
                default:
                    Problem($"Type resolver bound to \"{typeName}\", which is not an interface or union of the schema.");
                    break;
            }
        }

        foreach (var (enumName, values) in _bindings.EnumValues)
        {
            if (_types.GetValueOrDefault(enumName) is not EnumType enumType || IntrospectionTypes.ByName.ContainsKey(enumName))
            {
                Problem($"Enum values bound to \"{enumName}\", which is not an enum of the schema.");
                continue;
            }

            foreach (var (valueName, value) in values)
            {
                if (!enumType.Values.TryGetValue(valueName, out var def))
                    Problem($"Enum value bound to unknown value \"{enumName}.{valueName}\".");
                else def.Value = value;
            }

            var distinct = new HashSet<object>();
            foreach (var def in enumType.Values.Values)
            {
                if (!distinct.Add(def.Value))
                    Problem($"Enum \"{enumName}\" has two values with the same internal value {Inspect.Value(def.Value)}.");
            }
        }

        foreach (var type in _types.Values)
            if (type is EnumType e) e.FreezeValues();
    }


    private void CheckResolvers(Schema schema)
    {
        foreach (var type in schema.TypeList)
        {
            if (IntrospectionTypes.ByName.ContainsKey(type.Name)) continue;
            if (type is ObjectType obj)
            {
                foreach (var field in obj.Fields.Values)
                {
                    if (field.Resolver is null)
                        Problem($"Field \"{obj.Name}.{field.Name}\" has no resolver: bind it (BindField/BindType) or bind a default field resolver for \"{obj.Name}\".");
                }
            }
            else if (type is InterfaceType or UnionType)
            {
                var current = type is InterfaceType i ? i.ResolveType : ((UnionType)type).ResolveType;
                if (current is not null) continue;
                var possible = schema.GetPossibleTypes(type);
                if (possible.Count == 0) continue;
                var byClr = new List<(ClrBinding Clr, string Name)>();
                var missing = new List<string>();
                foreach (var o in possible)
                {
                    if (_bindings.ClrTypes.TryGetValue(o.Name, out var clr)) byClr.Add((clr, o.Name));
                    else missing.Add(o.Name);
                }

                if (missing.Count > 0 || byClr.Select(p => p.Clr.Type).Distinct().Count() != byClr.Count)
                {
                    Problem($"Abstract type \"{type.Name}\" has no type resolver: call BindTypeResolver(\"{type.Name}\", ...) " +
                            "(or bind each possible type with BindType<T> using a distinct CLR type).");
                    continue;
                }

                var resolver = ClrTypeResolver(byClr);
                if (type is InterfaceType iface) iface.ResolveType = resolver;
                else ((UnionType)type).ResolveType = resolver;
            }
        }
    }

    /// <summary>Exact runtime type first (one lookup), then the first bound type the value is an instance of.</summary>
    private static TypeResolver ClrTypeResolver(List<(ClrBinding Clr, string Name)> candidates)
    {
        var exact = new Dictionary<Type, string>();
        foreach (var (clr, name) in candidates) exact[clr.Type] = name;
        return (value, _) =>
        {
            if (exact.TryGetValue(value.GetType(), out var name)) return name;
            foreach (var (clr, n) in candidates)
                if (clr.IsInstance(value)) return n;
            return null;
        };
    }
}
