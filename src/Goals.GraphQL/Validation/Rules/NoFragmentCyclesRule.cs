using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.5.2.2 Fragment Spreads Must Not Form Cycles.</summary>
internal sealed class NoFragmentCyclesRule(ValidationContext context) : ValidationRule(context)
{
    private readonly HashSet<string> _visited = [];
    private readonly List<FragmentSpreadNode> _spreadPath = [];
    private readonly Dictionary<string, int> _spreadPathIndexByName = new();
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition | NodeKinds.FragmentDefinition;

    public override bool Enter(SyntaxNode node)
    {
        if (node is FragmentDefinitionNode fragment) DetectCycleRecursive(fragment);
        return false;
    }

    private void DetectCycleRecursive(FragmentDefinitionNode fragment)
    {
        var fragmentName = fragment.Name.Value;
        if (!_visited.Add(fragmentName)) return;
        var spreadNodes = Context.GetFragmentSpreads(fragment.SelectionSet);
        if (spreadNodes.Count == 0) return;
        _spreadPathIndexByName[fragmentName] = _spreadPath.Count;
        foreach (var spreadNode in spreadNodes)
        {
            var spreadName = spreadNode.Name.Value;
            _spreadPath.Add(spreadNode);
            if (!_spreadPathIndexByName.TryGetValue(spreadName, out var cycleIndex))
            {
                var spreadFragment = Context.GetFragment(spreadName);
                if (spreadFragment is not null) DetectCycleRecursive(spreadFragment);
            }
            else
            {
                var cyclePath = _spreadPath.GetRange(cycleIndex, _spreadPath.Count - cycleIndex);
                var via = new List<string>();
                for (var i = 0; i < cyclePath.Count - 1; i++) via.Add("\"" + cyclePath[i].Name.Value + "\"");
                var viaPath = string.Join(", ", via);
                Context.ReportError($"Cannot spread fragment \"{spreadName}\" within itself" +
                                    (viaPath.Length > 0 ? $" via {viaPath}." : "."), cyclePath);
            }

            _spreadPath.RemoveAt(_spreadPath.Count - 1);
        }

        _spreadPathIndexByName.Remove(fragmentName);
    }
}
