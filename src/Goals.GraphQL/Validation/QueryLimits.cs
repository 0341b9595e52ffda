using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation;

/// <summary>
/// The abuse limits of <see cref="ValidationOptions"/>: selection depth, estimated cost and introspection switch-off.
/// They run only on documents that passed the spec rules (so fragments are known and acyclic), and still guard
/// against cycles so that they can never loop. Depth measures data nesting: introspection fields do not count there (their
/// nesting is bounded by MaxIntrospectionDepthRule). Cost counts every field occurrence, aliases and introspection
/// included: introspection lists count with their real lengths in this schema (<see cref="IntrospectionListSizes"/>).
/// An operation whose list sizes come from variables (`first: $n`) is costed per request, once the variables are known
/// (<see cref="CheckComplexity"/>); validation leaves it to that.
/// </summary>
internal static class QueryLimits
{
    /// <param name="variableCostOperations">Filled with the operations whose cost depends on variables (left unchecked here).</param>
    public static void Check(ValidationContext context, ValidationOptions options, ISet<OperationDefinitionNode>? variableCostOperations)
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
                var calculator = new ComplexityCalculator(context.Schema, context.GetFragment, options.ListSizeEstimate, null);
                var cost = calculator.Cost(op);
                if (calculator.DependsOnVariables) variableCostOperations?.Add(op);
                else if (cost > maxComplexity) context.Errors.Add(TooComplex(cost, maxComplexity, op));
            }
        }
    }

    /// <summary>The cost of an operation with its request's coerced variables; null when within <see cref="ValidationOptions.MaxComplexity"/>.</summary>
    public static GraphQLError? CheckComplexity(Schema schema, DocumentNode document, OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?> variables, ValidationOptions options)
    {
        if (options.MaxComplexity is not { } maxComplexity) return null;
        FragmentDefinitionNode? Fragment(string name)
        {
            foreach (var definition in document.Definitions)
                if (definition is FragmentDefinitionNode fragment && fragment.Name.Value == name) return fragment;
            return null;
        }

        var cost = new ComplexityCalculator(schema, Fragment, options.ListSizeEstimate, variables).Cost(operation);
        return cost > maxComplexity ? TooComplex(cost, maxComplexity, operation) : null;
    }

    private static GraphQLError TooComplex(long cost, int maxComplexity, OperationDefinitionNode op) =>
        new($"Query complexity {cost} exceeds the maximum of {maxComplexity}.", [new ErrorLocation(op.Location.Line, op.Location.Column)],
            extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.QueryTooComplex });

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
    /// Cost: every field occurrence 1; a list field multiplies its subtree by its size: its first/last/limit argument (literal
    /// or variable), else the same argument of the field just above (a connection's `first` sizes its `edges`), else the
    /// configured estimate. Introspection lists count with their length in this schema, and an `ofType` subtree with the share
    /// of type references wrapped that deep (the rest answer null). Saturates at int.MaxValue.
    /// </summary>
    private sealed class ComplexityCalculator(Schema schema, Func<string, FragmentDefinitionNode?> fragments, int listSizeEstimate,
        IReadOnlyDictionary<string, object?>? variables)
    {
        private const double Saturated = int.MaxValue;
        private readonly IntrospectionListSizes _introspection = IntrospectionListSizes.Of(schema);
        private readonly Dictionary<(string, long?, int), double> _fragmentCost = new();
        private readonly HashSet<string> _inProgress = [];

        /// <summary>Set when a size came from a variable while the variables were not known (validation).</summary>
        public bool DependsOnVariables { get; private set; }

        /// <summary>Rounded up, but not for the last bits of floating-point error in sums of averages.</summary>
        public long Cost(OperationDefinitionNode operation) =>
            (long)Math.Ceiling(Cost(operation.SelectionSet, schema.GetRootType(operation.Operation), null, 0) - 1e-6);

        /// <param name="parentSize">The size argument of the enclosing non-list field, for the lists right below it.</param>
        /// <param name="ofTypeDepth">How many `ofType` fields enclose this selection set directly.</param>
        private double Cost(SelectionSetNode set, NamedType? parentType, long? parentSize, int ofTypeDepth)
        {
            double total = 0;
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case FieldNode field:
                        total = Saturate(total + FieldCost(field, parentType, parentSize, ofTypeDepth));
                        break;
                    case InlineFragmentNode inline:
                    {
                        var type = inline.TypeCondition is null ? parentType : schema.GetType(inline.TypeCondition.Name.Value);
                        total = Saturate(total + Cost(inline.SelectionSet, type, parentSize, ofTypeDepth));
                        break;
                    }
                    case FragmentSpreadNode spread:
                        total = Saturate(total + FragmentCost(spread.Name.Value, parentSize, ofTypeDepth));
                        break;
                }
            }

            return total;
        }

        private double FieldCost(FieldNode field, NamedType? parentType, long? parentSize, int ofTypeDepth)
        {
            if (field.SelectionSet is null) return 1;
            var def = parentType is null ? null : ValidationContext.GetFieldDef(schema, parentType, field.Name.Value);
            var ownSize = SizeArgument(field);
            if (parentType?.Name == "__Type" && field.Name.Value == "ofType")
            {
                var continues = _introspection.OfTypeContinues(ofTypeDepth + 1);
                return continues == 0 ? 1 : Saturate(1 + continues * Cost(field.SelectionSet, def?.Type.Named, null, ofTypeDepth + 1));
            }

            if (def is null || !IsList(def.Type)) return Saturate(1 + Cost(field.SelectionSet, def?.Type.Named, ownSize, 0));
            var size = (parentType is null ? null : _introspection.ListSize(parentType.Name, field.Name.Value))
                       ?? Math.Clamp(ownSize ?? parentSize ?? listSizeEstimate, 0, int.MaxValue);
            return Saturate(1 + Cost(field.SelectionSet, def.Type.Named, null, 0) * size);
        }

        private double FragmentCost(string name, long? parentSize, int ofTypeDepth)
        {
            if (_fragmentCost.TryGetValue((name, parentSize, ofTypeDepth), out var known)) return known;
            var fragment = fragments(name);
            if (fragment is null || !_inProgress.Add(name)) return 0;
            var cost = Cost(fragment.SelectionSet, schema.GetType(fragment.TypeCondition.Name.Value), parentSize, ofTypeDepth);
            _inProgress.Remove(name);
            _fragmentCost[(name, parentSize, ofTypeDepth)] = cost;
            return cost;
        }

        private static bool IsList(GraphQLType type) => type.Nullable is ListType;

        /// <summary>The first/last/limit argument: an int literal, or a variable's value (null: the variable is unset or null).</summary>
        private long? SizeArgument(FieldNode field)
        {
            foreach (var arg in field.Arguments)
            {
                if (arg.Name.Value is not ("first" or "last" or "limit")) continue;
                switch (arg.Value)
                {
                    case IntValueNode i when long.TryParse(i.Value, System.Globalization.NumberStyles.AllowLeadingSign,
                        System.Globalization.CultureInfo.InvariantCulture, out var n):
                        return n;
                    case VariableNode when variables is null:
                        DependsOnVariables = true;
                        return null;
                    case VariableNode variable when variables.TryGetValue(variable.Name.Value, out var value):
                        return value switch { int v => v, long v => v, _ => null };
                }
            }

            return null;
        }

        private static double Saturate(double value) => Math.Min(value, Saturated);
    }
}
