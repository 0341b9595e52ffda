using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation;

/// <summary>
/// The abuse limits of <see cref="ValidationOptions"/>: selection depth, estimated cost and introspection switch-off.
/// They run only on documents that passed the spec rules (so fragments are known and acyclic), and still guard
/// against cycles so that they can never loop. The limits measure data access: an introspection field (__schema, __type)
/// counts as one field, since what it reads is bounded by the schema and its nesting by MaxIntrospectionDepthRule.
/// </summary>
internal static class QueryLimits
{
    public static void Check(ValidationContext context, ValidationOptions options)
    {
        if (!options.AllowIntrospection) CheckIntrospection(context);
        if (options.MaxDepth is null && options.MaxComplexity is null) return;
        foreach (var definition in context.Document.Definitions)
        {
            if (definition is not OperationDefinitionNode op) continue;
            if (options.MaxDepth is { } maxDepth)
            {
                var depth = new DepthCalculator(context).Depth(op.SelectionSet);
                if (depth > maxDepth)
                    Report(context, $"Query depth {depth} exceeds the maximum of {maxDepth}.", ErrorCodes.QueryTooComplex, op);
            }

            if (options.MaxComplexity is { } maxComplexity)
            {
                var root = context.Schema.GetRootType(op.Operation);
                var cost = new ComplexityCalculator(context, options.ListSizeEstimate).Cost(op.SelectionSet, root);
                if (cost > maxComplexity)
                    Report(context, $"Query complexity {cost} exceeds the maximum of {maxComplexity}.", ErrorCodes.QueryTooComplex, op);
            }
        }
    }

    private static bool IsIntrospection(FieldNode field) => field.Name.Value is "__schema" or "__type";

    private static void Report(ValidationContext context, string message, string code, SyntaxNode node) =>
        context.Errors.Add(new GraphQLError(message, [new ErrorLocation(node.Location.Line, node.Location.Column)],
            extensions: new Dictionary<string, object?> { ["code"] = code }));

    private static void CheckIntrospection(ValidationContext context)
    {
        foreach (var definition in context.Document.Definitions)
            if (definition is ExecutableDefinitionNode e) CheckIntrospection(context, e.SelectionSet);
    }

    private static void CheckIntrospection(ValidationContext context, SelectionSetNode set)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    if (field.Name.Value is "__schema" or "__type")
                    {
                        Report(context, "GraphQL introspection is not allowed, but the query contained __schema or __type.",
                            DocumentValidator.IntrospectionDisabledCode, field);
                        continue;
                    }

                    if (field.SelectionSet is not null) CheckIntrospection(context, field.SelectionSet);
                    break;
                case InlineFragmentNode inline:
                    CheckIntrospection(context, inline.SelectionSet);
                    break;
            }
        }
    }

    /// <summary>Depth in fields: a root field is depth 1. Fragment depths are memoized; a fragment on the current path counts 0.</summary>
    private sealed class DepthCalculator(ValidationContext context)
    {
        private readonly Dictionary<string, int> _fragmentDepth = new();
        private readonly HashSet<string> _inProgress = [];

        public int Depth(SelectionSetNode set)
        {
            var max = 0;
            foreach (var selection in set.Selections)
            {
                var d = selection switch
                {
                    FieldNode field => 1 + (field.SelectionSet is null || IsIntrospection(field) ? 0 : Depth(field.SelectionSet)),
                    InlineFragmentNode inline => Depth(inline.SelectionSet),
                    FragmentSpreadNode spread => FragmentDepth(spread.Name.Value),
                    _ => 0,
                };
                if (d > max) max = d;
            }

            return max;
        }

        private int FragmentDepth(string name)
        {
            if (_fragmentDepth.TryGetValue(name, out var known)) return known;
            var fragment = context.GetFragment(name);
            if (fragment is null || !_inProgress.Add(name)) return 0;
            var depth = Depth(fragment.SelectionSet);
            _inProgress.Remove(name);
            _fragmentDepth[name] = depth;
            return depth;
        }
    }

    /// <summary>
    /// Cost: every field 1; a list-typed field multiplies its subtree cost by its first/last/limit argument (an int literal)
    /// or else the configured estimate. Saturates at int.MaxValue.
    /// </summary>
    private sealed class ComplexityCalculator(ValidationContext context, int listSizeEstimate)
    {
        private readonly Dictionary<string, long> _fragmentCost = new();
        private readonly HashSet<string> _inProgress = [];

        public long Cost(SelectionSetNode set, NamedType? parentType)
        {
            long total = 0;
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case FieldNode field:
                    {
                        long cost = 1;
                        if (field.SelectionSet is not null && !IsIntrospection(field))
                        {
                            var def = parentType is null ? null : ValidationContext.GetFieldDef(context.Schema, parentType, field.Name.Value);
                            var child = Cost(field.SelectionSet, def?.Type.Named);
                            if (def is not null && IsList(def.Type)) child = Saturate(child * Multiplier(field));
                            cost = Saturate(cost + child);
                        }

                        total = Saturate(total + cost);
                        break;
                    }
                    case InlineFragmentNode inline:
                    {
                        var type = inline.TypeCondition is null ? parentType : context.Schema.GetType(inline.TypeCondition.Name.Value);
                        total = Saturate(total + Cost(inline.SelectionSet, type));
                        break;
                    }
                    case FragmentSpreadNode spread:
                        total = Saturate(total + FragmentCost(spread.Name.Value));
                        break;
                }
            }

            return total;
        }

        private long FragmentCost(string name)
        {
            if (_fragmentCost.TryGetValue(name, out var known)) return known;
            var fragment = context.GetFragment(name);
            if (fragment is null || !_inProgress.Add(name)) return 0;
            var cost = Cost(fragment.SelectionSet, context.Schema.GetType(fragment.TypeCondition.Name.Value));
            _inProgress.Remove(name);
            _fragmentCost[name] = cost;
            return cost;
        }

        private static bool IsList(GraphQLType type) => type.Nullable is ListType;

        private long Multiplier(FieldNode field)
        {
            foreach (var arg in field.Arguments)
            {
                if (arg.Name.Value is "first" or "last" or "limit" && arg.Value is IntValueNode i &&
                    long.TryParse(i.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture,
                        out var n))
                {
                    return Math.Max(0, n);
                }
            }

            return Math.Max(0, listSizeEstimate);
        }

        private static long Saturate(long value) => value > int.MaxValue ? int.MaxValue : value;
    }
}
