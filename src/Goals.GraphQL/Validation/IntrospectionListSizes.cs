using System.Runtime.CompilerServices;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation;

/// <summary>
/// What an introspection answer holds for one schema: how long its lists are (averages, so that a whole-schema query such as
/// `types { fields { args } }` costs what it answers) and how often an `ofType` chain goes on at each depth (most type
/// references are named types or one wrapper deep). Computed once per schema.
/// </summary>
internal sealed class IntrospectionListSizes
{
    private static readonly ConditionalWeakTable<Schema, IntrospectionListSizes> Cache = new();

    private readonly Dictionary<(string Type, string Field), double> _sizes;

    /// <summary>[d]: the share of type references wrapped at least d times among those wrapped at least d - 1 times.</summary>
    private readonly double[] _ofTypeContinues;

    private IntrospectionListSizes(Dictionary<(string, string), double> sizes, double[] ofTypeContinues)
    {
        _sizes = sizes;
        _ofTypeContinues = ofTypeContinues;
    }

    /// <summary>
    /// How likely the `ofType` at this depth of a chain (1 = the first) is an object rather than null, given that the one
    /// above it was: 0 beyond the deepest NON_NULL/LIST wrapping of the schema.
    /// </summary>
    public double OfTypeContinues(int depth) => depth < _ofTypeContinues.Length ? _ofTypeContinues[depth] : 0;

    public static IntrospectionListSizes Of(Schema schema) => Cache.GetValue(schema, Compute);

    /// <summary>The length to expect for a list field of an introspection type; null for a field that is not one.</summary>
    public double? ListSize(string typeName, string fieldName) => _sizes.TryGetValue((typeName, fieldName), out var size) ? size : null;

    private static IntrospectionListSizes Compute(Schema schema)
    {
        IReadOnlyCollection<NamedType> types = schema.TypeList.Count > 0 ? schema.TypeList : schema.Types.Values.ToList();
        long fields = 0, fieldArguments = 0, interfaces = 0, possibleTypes = 0, enumValues = 0, inputFields = 0, directiveArguments = 0;
        var referencesByWrapping = new List<long>();
        void Reference(GraphQLType type)
        {
            var depth = WrappingDepth(type);
            while (referencesByWrapping.Count <= depth) referencesByWrapping.Add(0);
            referencesByWrapping[depth]++;
        }
        foreach (var type in types)
        {
            switch (type)
            {
                case IFieldsContainer container:
                    interfaces += container.Interfaces.Count;
                    foreach (var implemented in container.Interfaces) Reference(implemented);
                    foreach (var field in container.Fields.Values)
                    {
                        fields++;
                        fieldArguments += field.Arguments.Count;
                        Reference(field.Type);
                        foreach (var argument in field.Arguments.Values) Reference(argument.Type);
                    }

                    if (type is InterfaceType)
                    {
                        possibleTypes += schema.GetPossibleTypes(type).Count;
                        foreach (var possible in schema.GetPossibleTypes(type)) Reference(possible);
                    }

                    break;
                case UnionType union:
                    possibleTypes += union.Types.Count;
                    foreach (var member in union.Types) Reference(member);
                    break;
                case EnumType enumType:
                    enumValues += enumType.Values.Count;
                    break;
                case InputObjectType input:
                    inputFields += input.Fields.Count;
                    foreach (var field in input.Fields.Values) Reference(field.Type);
                    break;
            }
        }

        foreach (var directive in schema.Directives.Values)
        {
            directiveArguments += directive.Arguments.Count;
            foreach (var argument in directive.Arguments.Values) Reference(argument.Type);
        }

        long typeCount = types.Count, directiveCount = schema.Directives.Count;
        var sizes = new Dictionary<(string, string), double>
        {
            [("__Schema", "types")] = typeCount,
            [("__Schema", "directives")] = directiveCount,
            [("__Type", "fields")] = Average(fields, typeCount),
            [("__Type", "interfaces")] = Average(interfaces, typeCount),
            [("__Type", "possibleTypes")] = Average(possibleTypes, typeCount),
            [("__Type", "enumValues")] = Average(enumValues, typeCount),
            [("__Type", "inputFields")] = Average(inputFields, typeCount),
            [("__Field", "args")] = Average(fieldArguments, fields),
            [("__Directive", "args")] = Average(directiveArguments, directiveCount),
        };
        return new IntrospectionListSizes(sizes, ContinuationShares(referencesByWrapping));
    }

    private static double[] ContinuationShares(List<long> referencesByWrapping)
    {
        var atLeast = new long[referencesByWrapping.Count + 1];
        for (var d = referencesByWrapping.Count - 1; d >= 0; d--) atLeast[d] = atLeast[d + 1] + referencesByWrapping[d];
        var shares = new double[referencesByWrapping.Count];
        for (var d = 1; d < shares.Length; d++) shares[d] = atLeast[d - 1] == 0 ? 0 : (double)atLeast[d] / atLeast[d - 1];
        return shares;
    }

    /// <summary>Not rounded: the sum over a whole-schema query stays what it answers.</summary>
    private static double Average(long total, long count) => count == 0 ? 0 : (double)total / count;

    private static int WrappingDepth(GraphQLType type) => type switch
    {
        NonNullType nonNull => 1 + WrappingDepth(nonNull.OfType),
        ListType list => 1 + WrappingDepth(list.OfType),
        _ => 0,
    };
}
