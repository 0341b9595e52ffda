using System.Text;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>
/// Spec §5.3.2 Field Selection Merging: a port of graphql-js 16.15 OverlappingFieldsCanBeMergedRule, including its
/// collect-fields cache, the compared-fragment-pair cache and the work budget.
/// </summary>
internal sealed class OverlappingFieldsCanBeMergedRule(ValidationContext context) : ValidationRule(context)
{
    private const int MaxConflictDetailLength = 1000;
    private const int MaxConflictNodes = 20;
    private const int MaxComplexityBudget = 500_000;

    private static readonly object NullParentKey = new();

    private readonly PairSet _comparedFragmentPairs = new();
    private readonly Dictionary<(object, SelectionSetNode), CollectFieldsResult> _cachedCollectFields = new();
    private readonly Dictionary<ValueNode, string> _stringifiedValues = new(ReferenceEqualityComparer.Instance);
    private int _remainingBudget = MaxComplexityBudget;

    public override NodeKinds EnterKinds => NodeKinds.SelectionSet | NodeKinds.InlineFragment;

    private SelectionSetNode? _inlineFragmentSet;

    public override bool Enter(SyntaxNode node)
    {
        if (node is InlineFragmentNode inline)
        {
            _inlineFragmentSet = inline.SelectionSet;
            return true;
        }

        var selectionSet = (SelectionSetNode)node;
        if (ReferenceEquals(_inlineFragmentSet, selectionSet))
        {
            _inlineFragmentSet = null;
            return true;
        }

        var selections = selectionSet.Selections;
        if (selections.Count <= 1 && (selections.Count == 0 || selections[0] is not InlineFragmentNode)) return true;
        if (CannotConflict(selectionSet)) return true;
        var conflicts = FindConflictsWithinSelectionSet(Context.TypeInfo.ParentType, selectionSet);
        foreach (var conflict in conflicts)
        {
            var nodes = new List<SyntaxNode>(conflict.Fields1.Count + conflict.Fields2.Count);
            nodes.AddRange(conflict.Fields1);
            nodes.AddRange(conflict.Fields2);
            Context.ReportError(
                $"Fields \"{MaybeAbbreviate(conflict.ResponseName)}\" conflict because {conflict.Reason}. Use different aliases on the fields to fetch both if this was intentional.",
                nodes);
        }

        return true;
    }

    /// <summary>
    /// Fast path: with no fragment spreads and no response name used twice (inline fragments flattened) there is
    /// nothing to compare, so graphql-js would report nothing and spend no budget either.
    /// </summary>
    private readonly List<string> _names = new(32);

    private bool CannotConflict(SelectionSetNode selectionSet)
    {
        _names.Clear();
        return CollectNamesIfSimple(selectionSet, _names);
    }

    private static bool CollectNamesIfSimple(SelectionSetNode set, List<string> names)
    {
        var selections = set.Selections;
        for (var s = 0; s < selections.Count; s++)
        {
            switch (selections[s])
            {
                case FieldNode field:
                    var key = field.ResponseKey;
                    for (var i = 0; i < names.Count; i++)
                        if (names[i] == key) return false;
                    if (names.Count >= 32) return false;
                    names.Add(key);
                    break;
                case InlineFragmentNode inline:
                    if (!CollectNamesIfSimple(inline.SelectionSet, names)) return false;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    // ------------------------------------------------------------------ data

    private sealed class FieldDetails(NamedType? parentType, FieldNode node, FieldDefinition? definition)
    {
        public NamedType? ParentType { get; } = parentType;
        public FieldNode Node { get; } = node;
        public FieldDefinition? Definition { get; } = definition;
        public bool IsSimpleLeaf { get; } = node.Arguments.Count == 0 && node.SelectionSet is null;
        public FieldInfo? Info;
    }

    private sealed class FieldInfo
    {
        public readonly Dictionary<FieldInfo, string?> Comparisons = new(ReferenceEqualityComparer.Instance);
        public NamedType? NamedType;
        public ArgumentInfo? Arguments;
        public string? TypeString;
    }

    private sealed class ArgumentInfo(IReadOnlyList<ArgumentNode> nodes)
    {
        public IReadOnlyList<ArgumentNode> Nodes { get; } = nodes;
        public Dictionary<string, ValueNode> Values { get; } = BuildValues(nodes);

        private static Dictionary<string, ValueNode> BuildValues(IReadOnlyList<ArgumentNode> nodes)
        {
            var values = new Dictionary<string, ValueNode>();
            foreach (var n in nodes) values[n.Name.Value] = n.Value;
            return values;
        }
    }

    private sealed class GroupedFieldSet
    {
        public readonly List<string> Keys = [];
        public readonly Dictionary<string, List<FieldDetails>> Map = new();
        public int Count => Keys.Count;

        public void Add(string key, FieldDetails details)
        {
            if (!Map.TryGetValue(key, out var list))
            {
                Map[key] = list = [];
                Keys.Add(key);
            }

            list.Add(details);
        }
    }

    private sealed class CollectFieldsResult(GroupedFieldSet grouped, List<string> fragmentNames)
    {
        public GroupedFieldSet Grouped { get; } = grouped;
        public List<string> FragmentNames { get; } = fragmentNames;
        public Dictionary<string, bool>? ComparedFragments;
        public Dictionary<CollectFieldsResult, List<(string ResponseName, List<FieldDetails> Fields1, List<FieldDetails> Fields2)>>? Overlapping;
    }

    private sealed record Conflict(string ResponseName, string Reason, List<FieldNode> Fields1, List<FieldNode> Fields2);

    private sealed class PairSet
    {
        private readonly Dictionary<string, Dictionary<string, bool>> _data = new();

        public bool Has(string a, string b, bool weaklyPresent) => HasOne(a, b, weaklyPresent) || HasOne(b, a, weaklyPresent);

        private bool HasOne(string a, string b, bool weaklyPresent)
        {
            if (!_data.TryGetValue(a, out var map) || !map.TryGetValue(b, out var result)) return false;
            return weaklyPresent || weaklyPresent == result;
        }

        public void Add(string a, string b, bool weaklyPresent)
        {
            if (!_data.TryGetValue(a, out var map)) _data[a] = map = new Dictionary<string, bool>();
            map[b] = weaklyPresent;
        }
    }

    private void Spend(int cost)
    {
        _remainingBudget -= cost;
        if (_remainingBudget < 0)
        {
            Context.AddError(new GraphQLError("Validation aborted.",
                extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.ValidationFailed }));
            throw new ValidationAbortedException();
        }
    }

    // ------------------------------------------------------------------ algorithm

    private List<Conflict> FindConflictsWithinSelectionSet(NamedType? parentType, SelectionSetNode selectionSet)
    {
        var conflicts = new List<Conflict>();
        var result = CollectFields(parentType, selectionSet);
        CollectConflictsWithin(conflicts, result.Grouped);
        var names = result.FragmentNames;
        if (names.Count != 0 && (result.Grouped.Count != 0 || names.Count > 1))
        {
            for (var i = 0; i < names.Count; i++)
            {
                CollectConflictsBetweenFieldsAndFragment(conflicts, false, result, names[i]);
                for (var j = i + 1; j < names.Count; j++)
                    CollectConflictsBetweenFragments(conflicts, false, names[i], names[j]);
            }
        }

        return conflicts;
    }

    private void CollectConflictsBetweenFieldsAndFragment(List<Conflict> conflicts, bool areMutuallyExclusive,
        CollectFieldsResult result, string fragmentName)
    {
        Spend(1);
        if (result.Grouped.Count == 0) return;
        var compared = result.ComparedFragments ??= new Dictionary<string, bool>();
        if (compared.TryGetValue(fragmentName, out var previous) && (!previous || areMutuallyExclusive)) return;
        compared[fragmentName] = areMutuallyExclusive;
        var fragment = Context.GetFragment(fragmentName);
        if (fragment is null) return;
        var result2 = CollectFragmentFields(fragment);
        if (ReferenceEquals(result, result2)) return;
        CollectConflictsBetween(conflicts, areMutuallyExclusive, result, result2);
        foreach (var referenced in result2.FragmentNames)
            CollectConflictsBetweenFieldsAndFragment(conflicts, areMutuallyExclusive, result, referenced);
    }

    private void CollectConflictsBetweenFragments(List<Conflict> conflicts, bool areMutuallyExclusive, string fragmentName1,
        string fragmentName2)
    {
        Spend(2);
        if (fragmentName1 == fragmentName2) return;
        if (_comparedFragmentPairs.Has(fragmentName1, fragmentName2, areMutuallyExclusive)) return;
        _comparedFragmentPairs.Add(fragmentName1, fragmentName2, areMutuallyExclusive);
        var fragment1 = Context.GetFragment(fragmentName1);
        var fragment2 = Context.GetFragment(fragmentName2);
        if (fragment1 is null || fragment2 is null) return;
        var result1 = CollectFragmentFields(fragment1);
        var result2 = CollectFragmentFields(fragment2);
        CollectConflictsBetween(conflicts, areMutuallyExclusive, result1, result2);
        foreach (var referenced2 in result2.FragmentNames)
            CollectConflictsBetweenFragments(conflicts, areMutuallyExclusive, fragmentName1, referenced2);
        foreach (var referenced1 in result1.FragmentNames)
            CollectConflictsBetweenFragments(conflicts, areMutuallyExclusive, referenced1, fragmentName2);
    }

    private List<Conflict> FindConflictsBetweenSubSelectionSets(bool areMutuallyExclusive, NamedType? parentType1,
        SelectionSetNode selectionSet1, NamedType? parentType2, SelectionSetNode selectionSet2)
    {
        var conflicts = new List<Conflict>();
        var result1 = CollectFields(parentType1, selectionSet1);
        var result2 = CollectFields(parentType2, selectionSet2);
        CollectConflictsBetween(conflicts, areMutuallyExclusive, result1, result2);
        foreach (var name2 in result2.FragmentNames)
            CollectConflictsBetweenFieldsAndFragment(conflicts, areMutuallyExclusive, result1, name2);
        foreach (var name1 in result1.FragmentNames)
            CollectConflictsBetweenFieldsAndFragment(conflicts, areMutuallyExclusive, result2, name1);
        foreach (var name1 in result1.FragmentNames)
        {
            foreach (var name2 in result2.FragmentNames)
                CollectConflictsBetweenFragments(conflicts, areMutuallyExclusive, name1, name2);
        }

        return conflicts;
    }

    private void CollectConflictsWithin(List<Conflict> conflicts, GroupedFieldSet grouped)
    {
        foreach (var responseName in grouped.Keys)
        {
            var fields = grouped.Map[responseName];
            if (fields.Count <= 1) continue;
            for (var i = 0; i < fields.Count; i++)
            {
                for (var j = i + 1; j < fields.Count; j++)
                {
                    var conflict = FindConflict(false, responseName, fields[i], fields[j]);
                    if (conflict is not null) conflicts.Add(conflict);
                }
            }
        }
    }

    private void CollectConflictsBetween(List<Conflict> conflicts, bool parentFieldsAreMutuallyExclusive,
        CollectFieldsResult result1, CollectFieldsResult result2)
    {
        if (result1.Grouped.Count == 0 || result2.Grouped.Count == 0) return;
        foreach (var (responseName, fields1, fields2) in GetOverlappingFields(result1, result2))
        {
            foreach (var field1 in fields1)
            {
                foreach (var field2 in fields2)
                {
                    var conflict = FindConflict(parentFieldsAreMutuallyExclusive, responseName, field1, field2);
                    if (conflict is not null) conflicts.Add(conflict);
                }
            }
        }
    }

    private List<(string, List<FieldDetails>, List<FieldDetails>)> GetOverlappingFields(CollectFieldsResult result1,
        CollectFieldsResult result2)
    {
        var byResult = result1.Overlapping ??= new Dictionary<CollectFieldsResult, List<(string, List<FieldDetails>, List<FieldDetails>)>>(
            ReferenceEqualityComparer.Instance);
        if (byResult.TryGetValue(result2, out var cached)) return cached;
        var overlapping = new List<(string, List<FieldDetails>, List<FieldDetails>)>();
        foreach (var responseName in result1.Grouped.Keys)
        {
            Spend(1);
            if (result2.Grouped.Map.TryGetValue(responseName, out var fields2))
                overlapping.Add((responseName, result1.Grouped.Map[responseName], fields2));
        }

        byResult[result2] = overlapping;
        return overlapping;
    }

    private Conflict? FindConflict(bool parentFieldsAreMutuallyExclusive, string responseName, FieldDetails details1,
        FieldDetails details2)
    {
        var parentType1 = details1.ParentType;
        var parentType2 = details2.ParentType;
        var node1 = details1.Node;
        var node2 = details2.Node;
        var def1 = details1.Definition;
        var def2 = details2.Definition;
        var areMutuallyExclusive = parentFieldsAreMutuallyExclusive ||
                                   (!ReferenceEquals(parentType1, parentType2) && parentType1 is ObjectType && parentType2 is ObjectType);
        Spend(2);
        if (details1.IsSimpleLeaf && details2.IsSimpleLeaf && ReferenceEquals(def1?.Type, def2?.Type) &&
            node1.Name.Value == node2.Name.Value)
        {
            return null;
        }

        if (!areMutuallyExclusive)
        {
            var info1 = GetFieldInfo(details1);
            var info2 = GetFieldInfo(details2);
            if (!info1.Comparisons.TryGetValue(info2, out var reason))
            {
                var name1 = node1.Name.Value;
                var name2 = node2.Name.Value;
                reason = name1 != name2
                    ? $"\"{MaybeAbbreviate(name1)}\" and \"{MaybeAbbreviate(name2)}\" are different fields"
                    : SameArguments(info1.Arguments, info2.Arguments)
                        ? null
                        : "they have differing arguments";
                info1.Comparisons[info2] = reason;
            }

            if (reason is not null) return new Conflict(responseName, reason, [node1], [node2]);
        }

        var type1 = def1?.Type;
        var type2 = def2?.Type;
        if (type1 is not null && type2 is not null && DoTypesConflict(type1, type2))
        {
            var info1 = GetFieldInfo(details1);
            var info2 = GetFieldInfo(details2);
            var type1String = info1.TypeString ??= type1.ToString();
            var type2String = info2.TypeString ??= type2.ToString();
            return new Conflict(responseName, $"they return conflicting types \"{type1String}\" and \"{type2String}\"", [node1], [node2]);
        }

        var selectionSet1 = node1.SelectionSet;
        var selectionSet2 = node2.SelectionSet;
        if (selectionSet1 is not null && selectionSet2 is not null)
        {
            var conflicts = FindConflictsBetweenSubSelectionSets(areMutuallyExclusive, GetFieldInfo(details1).NamedType, selectionSet1,
                GetFieldInfo(details2).NamedType, selectionSet2);
            return SubfieldConflicts(conflicts, responseName, node1, node2);
        }

        return null;
    }

    private static FieldInfo GetFieldInfo(FieldDetails details) =>
        details.Info ??= new FieldInfo
        {
            NamedType = details.Definition?.Type.Named,
            Arguments = details.Node.Arguments.Count == 0 ? null : new ArgumentInfo(details.Node.Arguments),
        };

    private bool SameArguments(ArgumentInfo? info1, ArgumentInfo? info2)
    {
        if (info1 is null) return info2 is null;
        if (info2 is null || info1.Nodes.Count != info2.Nodes.Count) return false;
        foreach (var arg1 in info1.Nodes)
        {
            Spend(1);
            if (!info2.Values.TryGetValue(arg1.Name.Value, out var value2)) return false;
            if (StringifyValue(arg1.Value) != StringifyValue(value2)) return false;
        }

        return true;
    }

    private string StringifyValue(ValueNode value)
    {
        if (_stringifiedValues.TryGetValue(value, out var cached)) return cached;
        var sb = new StringBuilder();
        Stringify(value, sb);
        var result = sb.ToString();
        _stringifiedValues[value] = result;
        return result;
    }

    /// <summary>A canonical, unambiguous encoding (object fields sorted by name) equal iff graphql-js's JSON form is equal.</summary>
    private static void Stringify(ValueNode value, StringBuilder sb)
    {
        switch (value)
        {
            case VariableNode v:
                sb.Append('V').Append(v.Name.Value.Length).Append(':').Append(v.Name.Value);
                break;
            case ObjectValueNode o:
            {
                var fields = o.Fields.OrderBy(f => f.Name.Value, StringComparer.Ordinal).ToList();
                sb.Append("O{");
                foreach (var f in fields)
                {
                    sb.Append(f.Name.Value.Length).Append(':').Append(f.Name.Value);
                    Stringify(f.Value, sb);
                    sb.Append(',');
                }

                sb.Append('}');
                break;
            }
            case ListValueNode l:
                sb.Append("L[");
                foreach (var item in l.Values)
                {
                    Stringify(item, sb);
                    sb.Append(',');
                }

                sb.Append(']');
                break;
            case StringValueNode s:
                sb.Append(s.Block ? "SB" : "S").Append(s.Value.Length).Append(':').Append(s.Value);
                break;
            case IntValueNode i:
                sb.Append('I').Append(i.Value.Length).Append(':').Append(i.Value);
                break;
            case FloatValueNode f:
                sb.Append('F').Append(f.Value.Length).Append(':').Append(f.Value);
                break;
            case EnumValueNode e:
                sb.Append('E').Append(e.Value.Length).Append(':').Append(e.Value);
                break;
            case BooleanValueNode b:
                sb.Append(b.Value ? "Bt" : "Bf");
                break;
            default:
                sb.Append('N');
                break;
        }
    }

    private bool DoTypesConflict(GraphQLType type1, GraphQLType type2)
    {
        while (true)
        {
            if (ReferenceEquals(type1, type2)) return false;
            Spend(1);
            if (type1 is ListType l1)
            {
                if (type2 is not ListType l2) return true;
                type1 = l1.OfType;
                type2 = l2.OfType;
                continue;
            }

            if (type2 is ListType) return true;
            if (type1 is NonNullType n1)
            {
                if (type2 is not NonNullType n2) return true;
                type1 = n1.OfType;
                type2 = n2.OfType;
                continue;
            }

            if (type2 is NonNullType) return true;
            if (type1.IsLeafType || type2.IsLeafType) return !ReferenceEquals(type1, type2);
            return false;
        }
    }

    private CollectFieldsResult CollectFields(NamedType? parentType, SelectionSetNode selectionSet)
    {
        var key = ((object?)parentType ?? NullParentKey, selectionSet);
        if (_cachedCollectFields.TryGetValue(key, out var cached)) return cached;
        var grouped = new GroupedFieldSet();
        var fragmentNames = new List<string>();
        CollectFieldsImpl(parentType, selectionSet, grouped, fragmentNames);
        var result = new CollectFieldsResult(grouped, fragmentNames);
        _cachedCollectFields[key] = result;
        return result;
    }

    private CollectFieldsResult CollectFragmentFields(FragmentDefinitionNode fragment) =>
        CollectFields(Context.Schema.GetType(fragment.TypeCondition.Name.Value), fragment.SelectionSet);

    private void CollectFieldsImpl(NamedType? parentType, SelectionSetNode selectionSet, GroupedFieldSet grouped,
        List<string> fragmentNames)
    {
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                {
                    FieldDefinition? fieldDef = null;
                    if (parentType is IFieldsContainer container) container.Fields.TryGetValue(field.Name.Value, out fieldDef);
                    grouped.Add(field.ResponseKey, new FieldDetails(parentType, field, fieldDef));
                    break;
                }
                case FragmentSpreadNode spread:
                    if (!fragmentNames.Contains(spread.Name.Value)) fragmentNames.Add(spread.Name.Value);
                    break;
                case InlineFragmentNode inline:
                {
                    var type = inline.TypeCondition is not null ? Context.Schema.GetType(inline.TypeCondition.Name.Value) : parentType;
                    CollectFieldsImpl(type, inline.SelectionSet, grouped, fragmentNames);
                    break;
                }
            }
        }
    }

    private static Conflict? SubfieldConflicts(List<Conflict> conflicts, string responseName, FieldNode node1, FieldNode node2)
    {
        if (conflicts.Count == 0) return null;
        var message = new StringBuilder();
        foreach (var c in conflicts)
        {
            if (message.Length > 0) message.Append(" and ");
            message.Append("subfields \"").Append(MaybeAbbreviate(c.ResponseName)).Append("\" conflict because ").Append(c.Reason);
            if (message.Length > MaxConflictDetailLength) break;
        }

        return new Conflict(responseName, MaybeAbbreviate(message.ToString()), CollectConflictNodes(node1, conflicts, true),
            CollectConflictNodes(node2, conflicts, false));
    }

    private static List<FieldNode> CollectConflictNodes(FieldNode node, List<Conflict> conflicts, bool first)
    {
        var nodes = new List<FieldNode> { node };
        foreach (var conflict in conflicts)
        {
            var remaining = MaxConflictNodes - nodes.Count;
            var side = first ? conflict.Fields1 : conflict.Fields2;
            var take = Math.Min(remaining, side.Count);
            for (var i = side.Count - take; i < side.Count; i++) nodes.Add(side[i]);
            if (nodes.Count == MaxConflictNodes) break;
        }

        return nodes;
    }

    private static string MaybeAbbreviate(string text) =>
        text.Length > MaxConflictDetailLength ? text[..MaxConflictDetailLength] + "..." : text;
}
