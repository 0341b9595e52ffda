using System.Collections.Concurrent;
using Goals.GraphQL.Language;

namespace Goals.GraphQL.Execution;

/// <summary>Per-document execution data computed once: fragments by name, whether @skip/@include depend on variables,
/// and the collected root fields per operation.</summary>
internal sealed class DocumentPlan
{
    public DocumentPlan(DocumentNode document)
    {
        foreach (var definition in document.Definitions)
        {
            if (definition is FragmentDefinitionNode fragment) Fragments.TryAdd(fragment.Name.Value, fragment);
        }

        Cacheable = !ConditionsUseVariables(document);
    }

    public Dictionary<string, FragmentDefinitionNode> Fragments { get; } = new(StringComparer.Ordinal);

    /// <summary>False when some @skip/@include takes a variable: field collection then depends on the request.</summary>
    public bool Cacheable { get; }

    public ConcurrentDictionary<OperationDefinitionNode, CollectedField[]> RootFields { get; } = new();

    private static bool ConditionsUseVariables(DocumentNode document)
    {
        foreach (var definition in document.Definitions)
        {
            if (definition is ExecutableDefinitionNode executable && SelectionsUseVariables(executable.SelectionSet))
                return true;
        }

        return false;
    }

    private static bool SelectionsUseVariables(SelectionSetNode? selectionSet)
    {
        if (selectionSet is null) return false;
        foreach (var selection in selectionSet.Selections)
        {
            foreach (var directive in selection.Directives)
            {
                if (directive.Name.Value is "skip" or "include" && Values.UsesVariables(directive.Arguments)) return true;
            }

            var inner = selection switch
            {
                FieldNode f => f.SelectionSet,
                InlineFragmentNode i => i.SelectionSet,
                _ => null,
            };
            if (SelectionsUseVariables(inner)) return true;
        }

        return false;
    }
}
