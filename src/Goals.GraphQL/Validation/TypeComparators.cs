using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation;

/// <summary>graphql-js typeComparators.</summary>
internal static class TypeComparators
{
    public static bool IsTypeSubTypeOf(Schema schema, GraphQLType maybeSubType, GraphQLType superType)
    {
        if (ReferenceEquals(maybeSubType, superType)) return true;
        if (superType is NonNullType superNn)
            return maybeSubType is NonNullType subNn && IsTypeSubTypeOf(schema, subNn.OfType, superNn.OfType);
        if (maybeSubType is NonNullType nn) return IsTypeSubTypeOf(schema, nn.OfType, superType);
        if (superType is ListType superList)
            return maybeSubType is ListType subList && IsTypeSubTypeOf(schema, subList.OfType, superList.OfType);
        if (maybeSubType is ListType) return false;
        return superType.IsAbstractType && maybeSubType is ObjectType or InterfaceType &&
               schema.IsSubType((NamedType)superType, (NamedType)maybeSubType);
    }

    public static bool DoTypesOverlap(Schema schema, NamedType a, NamedType b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a.IsAbstractType)
        {
            if (b.IsAbstractType)
            {
                foreach (var type in schema.GetPossibleTypes(a))
                    if (schema.IsSubType(b, type)) return true;
                return false;
            }

            return schema.IsSubType(a, b);
        }

        return b.IsAbstractType && schema.IsSubType(b, a);
    }
}
