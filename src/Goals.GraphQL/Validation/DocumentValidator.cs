using Goals.GraphQL.Language;
using Goals.GraphQL.Types;
using Goals.GraphQL.Validation.Rules;

namespace Goals.GraphQL.Validation;

/// <summary>Runs every rule of spec §5 (graphql-js specifiedRules, in its order) in one traversal, then the configured abuse limits.</summary>
public static partial class DocumentValidator
{
    public const string IntrospectionDisabledCode = "INTROSPECTION_DISABLED";

    public static IReadOnlyList<GraphQLError> Validate(Schema schema, DocumentNode document, ValidationOptions? options = null) =>
        Validate(schema, document, options, null);

    /// <param name="variableCostOperations">Receives the operations whose complexity depends on variables: the executor
    /// checks those per request (<see cref="QueryLimits.CheckComplexity"/>).</param>
    internal static IReadOnlyList<GraphQLError> Validate(Schema schema, DocumentNode document, ValidationOptions? options,
        ISet<OperationDefinitionNode>? variableCostOperations)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        var context = new ValidationContext(schema, document) { HideSuggestions = options?.HideSuggestions ?? false };
        Run(context, CreateRules(context));
        if (context.Errors.Count == 0 && options is not null) QueryLimits.Check(context, options, variableCostOperations);
        return context.Errors;
    }

    internal static void Run(ValidationContext context, ValidationRule[] rules)
    {
        try
        {
            new ValidationWalker(context, rules).WalkDocument(context.Document);
        }
        catch (ValidationAbortedException)
        {
            // The error that stopped validation has been recorded.
        }
    }

    /// <summary>graphql-js specifiedRules, in its order (which is the order errors are reported in).</summary>
    internal static ValidationRule[] CreateRules(ValidationContext context) =>
        [
            new ExecutableDefinitionsRule(context),
            new UniqueOperationNamesRule(context),
            new LoneAnonymousOperationRule(context),
            new SingleFieldSubscriptionsRule(context),
            new KnownTypeNamesRule(context),
            new FragmentsOnCompositeTypesRule(context),
            new VariablesAreInputTypesRule(context),
            new ScalarLeafsRule(context),
            new FieldsOnCorrectTypeRule(context),
            new UniqueFragmentNamesRule(context),
            new KnownFragmentNamesRule(context),
            new NoUnusedFragmentsRule(context),
            new PossibleFragmentSpreadsRule(context),
            new NoFragmentCyclesRule(context),
            new UniqueVariableNamesRule(context),
            new NoUndefinedVariablesRule(context),
            new NoUnusedVariablesRule(context),
            new KnownDirectivesRule(context),
            new UniqueDirectivesPerLocationRule(context),
            new KnownArgumentNamesRule(context),
            new UniqueArgumentNamesRule(context),
            new ValuesOfCorrectTypeRule(context),
            new ProvidedRequiredArgumentsRule(context),
            new VariablesInAllowedPositionRule(context),
            new OverlappingFieldsCanBeMergedRule(context),
            new UniqueInputFieldNamesRule(context),
            new MaxIntrospectionDepthRule(context),
        ];
}
