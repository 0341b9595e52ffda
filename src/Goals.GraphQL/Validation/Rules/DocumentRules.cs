using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation.Rules;

internal sealed class ExecutableDefinitionsRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.Document;

    public override bool Enter(SyntaxNode node)
    {
        foreach (var definition in ((DocumentNode)node).Definitions)
        {
            if (definition is ExecutableDefinitionNode) continue;
            var defName = definition switch
            {
                SchemaDefinitionNode or SchemaExtensionNode => "schema",
                TypeDefinitionNode t => "\"" + t.Name.Value + "\"",
                DirectiveDefinitionNode d => "\"" + d.Name.Value + "\"",
                _ => "unknown",
            };
            Context.ReportError($"The {defName} definition is not executable.", definition);
        }

        return false;
    }
}

internal sealed class UniqueOperationNamesRule(ValidationContext context) : ValidationRule(context)
{
    private readonly Dictionary<string, NameNode> _known = new();
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition | NodeKinds.FragmentDefinition;

    public override bool Enter(SyntaxNode node)
    {
        if (node is OperationDefinitionNode { Name: { } name })
        {
            if (_known.TryGetValue(name.Value, out var existing))
                Context.ReportError($"There can be only one operation named \"{name.Value}\".", existing, name);
            else _known[name.Value] = name;
        }

        return false;
    }
}

internal sealed class LoneAnonymousOperationRule(ValidationContext context) : ValidationRule(context)
{
    private int _operationCount;
    public override NodeKinds EnterKinds => NodeKinds.Document | NodeKinds.OperationDefinition;

    public override bool Enter(SyntaxNode node)
    {
        if (node is DocumentNode doc)
        {
            foreach (var d in doc.Definitions)
                if (d is OperationDefinitionNode) _operationCount++;
        }
        else if (node is OperationDefinitionNode { Name: null } op && _operationCount > 1)
        {
            Context.ReportError("This anonymous operation must be the only defined operation.", op);
        }

        return true;
    }
}

internal sealed class SingleFieldSubscriptionsRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition;

    public override bool Enter(SyntaxNode node)
    {
        var op = (OperationDefinitionNode)node;
        if (op.Operation != OperationType.Subscription) return true;
        var subscriptionType = Context.Schema.SubscriptionType;
        if (subscriptionType is null) return true;
        var operationName = op.Name?.Value;
        var fields = new List<(string Key, List<FieldNode> Nodes)>();
        var index = new Dictionary<string, int>();
        CollectFields(subscriptionType, op.SelectionSet, fields, index, new HashSet<string>());
        if (fields.Count > 1)
        {
            var extra = new List<SyntaxNode>();
            for (var i = 1; i < fields.Count; i++) extra.AddRange(fields[i].Nodes);
            Context.ReportError(operationName is not null
                ? $"Subscription \"{operationName}\" must select only one top level field."
                : "Anonymous Subscription must select only one top level field.", extra);
        }

        foreach (var (_, nodes) in fields)
        {
            if (nodes[0].Name.Value.StartsWith("__", StringComparison.Ordinal))
            {
                Context.ReportError(operationName is not null
                    ? $"Subscription \"{operationName}\" must not select an introspection top level field."
                    : "Anonymous Subscription must not select an introspection top level field.", nodes);
            }
        }

        return true;
    }

    private void CollectFields(ObjectType runtimeType, SelectionSetNode set, List<(string, List<FieldNode>)> fields,
        Dictionary<string, int> index, HashSet<string> visitedFragments)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    if (!ShouldInclude(field.Directives)) continue;
                    var key = field.ResponseKey;
                    if (index.TryGetValue(key, out var i)) fields[i].Item2.Add(field);
                    else
                    {
                        index[key] = fields.Count;
                        fields.Add((key, [field]));
                    }

                    break;
                case InlineFragmentNode inline:
                    if (!ShouldInclude(inline.Directives) || !Matches(inline.TypeCondition, runtimeType)) continue;
                    CollectFields(runtimeType, inline.SelectionSet, fields, index, visitedFragments);
                    break;
                case FragmentSpreadNode spread:
                    var name = spread.Name.Value;
                    if (visitedFragments.Contains(name) || !ShouldInclude(spread.Directives)) continue;
                    visitedFragments.Add(name);
                    var fragment = Context.GetFragment(name);
                    if (fragment is null || !Matches(fragment.TypeCondition, runtimeType)) continue;
                    CollectFields(runtimeType, fragment.SelectionSet, fields, index, visitedFragments);
                    break;
            }
        }
    }

    private bool Matches(NamedTypeNode? condition, ObjectType runtimeType)
    {
        if (condition is null) return true;
        var type = Context.Schema.GetType(condition.Name.Value);
        if (ReferenceEquals(type, runtimeType)) return true;
        return type is not null && type.IsAbstractType && Context.Schema.IsSubType(type, runtimeType);
    }

    /// <summary>@skip/@include with literal arguments; a variable (no values during validation) counts as not skipping.</summary>
    private static bool ShouldInclude(IReadOnlyList<DirectiveNode> directives)
    {
        foreach (var d in directives)
        {
            if (d.Name.Value is not ("skip" or "include")) continue;
            foreach (var arg in d.Arguments)
            {
                if (arg.Name.Value != "if" || arg.Value is not BooleanValueNode b) continue;
                if (d.Name.Value == "skip" && b.Value) return false;
                if (d.Name.Value == "include" && !b.Value) return false;
            }
        }

        return true;
    }
}

internal sealed class KnownTypeNamesRule(ValidationContext context) : ValidationRule(context)
{
    private static readonly string[] StandardTypeNames =
    [
        "String", "Int", "Float", "Boolean", "ID", "__Schema", "__Directive", "__DirectiveLocation", "__Type", "__Field",
        "__InputValue", "__EnumValue", "__TypeKind",
    ];

    private HashSet<string>? _definedTypes;
    public override NodeKinds EnterKinds => NodeKinds.NamedType;

    public override bool Enter(SyntaxNode node)
    {
        var named = (NamedTypeNode)node;
        var typeName = named.Name.Value;
        if (Context.Schema.Types.ContainsKey(typeName)) return true;
        if (_definedTypes is null)
        {
            _definedTypes = [];
            foreach (var def in Context.Document.Definitions)
                if (def is TypeDefinitionNode { IsExtension: false } t) _definedTypes.Add(t.Name.Value);
        }

        if (_definedTypes.Contains(typeName)) return true;
        var isSdl = Context.InSdl;
        if (isSdl && Array.IndexOf(StandardTypeNames, typeName) >= 0) return true;
        var options = new List<string>();
        if (isSdl) options.AddRange(StandardTypeNames);
        options.AddRange(Context.Schema.Types.Keys);
        options.AddRange(_definedTypes);
        var suggestions = Context.Suggest(typeName, options);
        Context.ReportError($"Unknown type \"{typeName}\"." + Suggestions.DidYouMean(suggestions), named);
        return true;
    }
}

internal sealed class FragmentsOnCompositeTypesRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.InlineFragment | NodeKinds.FragmentDefinition;

    public override bool Enter(SyntaxNode node)
    {
        if (node is InlineFragmentNode { TypeCondition: { } condition })
        {
            var type = Context.Schema.GetType(condition.Name.Value);
            if (type is not null && !type.IsCompositeType)
                Context.ReportError($"Fragment cannot condition on non composite type \"{condition.Name.Value}\".", condition);
        }
        else if (node is FragmentDefinitionNode fragment)
        {
            var type = Context.Schema.GetType(fragment.TypeCondition.Name.Value);
            if (type is not null && !type.IsCompositeType)
                Context.ReportError(
                    $"Fragment \"{fragment.Name.Value}\" cannot condition on non composite type \"{fragment.TypeCondition.Name.Value}\".",
                    fragment.TypeCondition);
        }

        return true;
    }
}

internal sealed class VariablesAreInputTypesRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.VariableDefinition;

    public override bool Enter(SyntaxNode node)
    {
        var def = (VariableDefinitionNode)node;
        var type = ValidationContext.TypeFromAst(Context.Schema, def.Type);
        if (type is not null && !type.IsInputType)
            Context.ReportError($"Variable \"${def.Variable.Name.Value}\" cannot be non-input type \"{Printer.Print(def.Type)}\".", def.Type);
        return true;
    }
}

internal sealed class ScalarLeafsRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.Field;

    public override bool Enter(SyntaxNode node)
    {
        var field = (FieldNode)node;
        var type = Context.TypeInfo.Type;
        if (type is null) return true;
        var selectionSet = field.SelectionSet;
        if (type.Named.IsLeafType)
        {
            if (selectionSet is not null)
                Context.ReportError(
                    $"Field \"{field.Name.Value}\" must not have a selection since type \"{type}\" has no subfields.", selectionSet);
        }
        else if (selectionSet is null)
        {
            Context.ReportError(
                $"Field \"{field.Name.Value}\" of type \"{type}\" must have a selection of subfields. Did you mean \"{field.Name.Value} {{ ... }}\"?",
                field);
        }
        else if (selectionSet.Selections.Count == 0)
        {
            Context.ReportError($"Field \"{field.Name.Value}\" of type \"{type}\" must have at least one field selected.", field);
        }

        return true;
    }
}

internal sealed class FieldsOnCorrectTypeRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.Field;

    public override bool Enter(SyntaxNode node)
    {
        var type = Context.TypeInfo.ParentType;
        if (type is null || Context.TypeInfo.FieldDef is not null) return true;
        var field = (FieldNode)node;
        var fieldName = field.Name.Value;
        var suggestion = Suggestions.DidYouMean("to use an inline fragment on",
            Context.HideSuggestions ? [] : GetSuggestedTypeNames(type, fieldName));
        if (suggestion.Length == 0)
        {
            suggestion = Suggestions.DidYouMean(type is IFieldsContainer c
                ? Context.Suggest(fieldName, c.Fields.Keys)
                : []);
        }

        Context.ReportError($"Cannot query field \"{fieldName}\" on type \"{type.Name}\"." + suggestion, field);
        return true;
    }

    private List<string> GetSuggestedTypeNames(NamedType type, string fieldName)
    {
        if (!type.IsAbstractType) return [];
        var schema = Context.Schema;
        var suggested = new List<NamedType>();
        var usage = new Dictionary<string, int>();
        foreach (var possibleType in schema.GetPossibleTypes(type))
        {
            if (!possibleType.Fields.ContainsKey(fieldName)) continue;
            if (!usage.ContainsKey(possibleType.Name)) suggested.Add(possibleType);
            usage[possibleType.Name] = 1;
            foreach (var iface in possibleType.Interfaces)
            {
                if (!iface.Fields.ContainsKey(fieldName)) continue;
                if (!usage.ContainsKey(iface.Name)) suggested.Add(iface);
                usage[iface.Name] = usage.TryGetValue(iface.Name, out var n) ? n + 1 : 1;
            }
        }

        var indexed = new List<(NamedType Type, int Index)>();
        for (var i = 0; i < suggested.Count; i++) indexed.Add((suggested[i], i));
        indexed.Sort((a, b) =>
        {
            var diff = usage[b.Type.Name] - usage[a.Type.Name];
            if (diff != 0) return diff;
            if (a.Type is InterfaceType && schema.IsSubType(a.Type, b.Type)) return -1;
            if (b.Type is InterfaceType && schema.IsSubType(b.Type, a.Type)) return 1;
            var c = Suggestions.NaturalCompare(a.Type.Name, b.Type.Name);
            return c != 0 ? c : a.Index - b.Index;
        });
        var result = new List<string>(indexed.Count);
        foreach (var x in indexed) result.Add(x.Type.Name);
        return result;
    }
}

internal sealed class UniqueFragmentNamesRule(ValidationContext context) : ValidationRule(context)
{
    private readonly Dictionary<string, NameNode> _known = new();
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition | NodeKinds.FragmentDefinition;

    public override bool Enter(SyntaxNode node)
    {
        if (node is FragmentDefinitionNode fragment)
        {
            var name = fragment.Name;
            if (_known.TryGetValue(name.Value, out var existing))
                Context.ReportError($"There can be only one fragment named \"{name.Value}\".", existing, name);
            else _known[name.Value] = name;
        }

        return false;
    }
}

internal sealed class KnownFragmentNamesRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.FragmentSpread;

    public override bool Enter(SyntaxNode node)
    {
        var spread = (FragmentSpreadNode)node;
        if (Context.GetFragment(spread.Name.Value) is null)
            Context.ReportError($"Unknown fragment \"{spread.Name.Value}\".", spread.Name);
        return true;
    }
}

internal sealed class NoUnusedFragmentsRule(ValidationContext context) : ValidationRule(context)
{
    private readonly List<OperationDefinitionNode> _operations = [];
    private readonly List<FragmentDefinitionNode> _fragments = [];
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition | NodeKinds.FragmentDefinition;
    public override NodeKinds LeaveKinds => NodeKinds.Document;

    public override bool Enter(SyntaxNode node)
    {
        if (node is OperationDefinitionNode op) _operations.Add(op);
        else _fragments.Add((FragmentDefinitionNode)node);
        return false;
    }

    public override void Leave(SyntaxNode node)
    {
        if (_fragments.Count == 0) return;
        var used = new HashSet<string>();
        foreach (var f in Context.CollectReferencedFragments(_operations)) used.Add(f.Name.Value);
        foreach (var fragment in _fragments)
            if (!used.Contains(fragment.Name.Value))
                Context.ReportError($"Fragment \"{fragment.Name.Value}\" is never used.", fragment);
    }
}

internal sealed class PossibleFragmentSpreadsRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.InlineFragment | NodeKinds.FragmentSpread;

    public override bool Enter(SyntaxNode node)
    {
        var parentType = Context.TypeInfo.ParentType;
        if (node is InlineFragmentNode)
        {
            var fragType = Context.TypeInfo.Type;
            if (fragType is NamedType { IsCompositeType: true } ft && parentType is { IsCompositeType: true } &&
                !TypeComparators.DoTypesOverlap(Context.Schema, ft, parentType))
            {
                Context.ReportError(
                    $"Fragment cannot be spread here as objects of type \"{parentType}\" can never be of type \"{ft}\".", node);
            }
        }
        else
        {
            var spread = (FragmentSpreadNode)node;
            var fragment = Context.GetFragment(spread.Name.Value);
            if (fragment is null) return true;
            var fragType = Context.Schema.GetType(fragment.TypeCondition.Name.Value);
            if (fragType is { IsCompositeType: true } && parentType is not null &&
                !TypeComparators.DoTypesOverlap(Context.Schema, fragType, parentType))
            {
                Context.ReportError(
                    $"Fragment \"{spread.Name.Value}\" cannot be spread here as objects of type \"{parentType}\" can never be of type \"{fragType}\".",
                    node);
            }
        }

        return true;
    }
}

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

internal sealed class UniqueVariableNamesRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition;

    public override bool Enter(SyntaxNode node)
    {
        var defs = ((OperationDefinitionNode)node).VariableDefinitions;
        if (defs.Count < 2) return true;
        var groups = new Dictionary<string, List<SyntaxNode>>();
        var order = new List<string>();
        foreach (var def in defs)
        {
            var name = def.Variable.Name.Value;
            if (!groups.TryGetValue(name, out var list))
            {
                groups[name] = list = [];
                order.Add(name);
            }

            list.Add(def.Variable.Name);
        }

        foreach (var name in order)
            if (groups[name].Count > 1)
                Context.ReportError($"There can be only one variable named \"${name}\".", groups[name]);
        return true;
    }
}

internal sealed class NoUndefinedVariablesRule(ValidationContext context) : ValidationRule(context)
{
    private readonly HashSet<string> _defined = [];
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition | NodeKinds.VariableDefinition;
    public override NodeKinds LeaveKinds => NodeKinds.OperationDefinition;

    public override bool Enter(SyntaxNode node)
    {
        if (node is OperationDefinitionNode) _defined.Clear();
        else _defined.Add(((VariableDefinitionNode)node).Variable.Name.Value);
        return true;
    }

    public override void Leave(SyntaxNode node)
    {
        var operation = (OperationDefinitionNode)node;
        foreach (var usage in Context.GetRecursiveVariableUsages(operation))
        {
            var varName = usage.Node.Name.Value;
            if (_defined.Contains(varName)) continue;
            Context.ReportError(operation.Name is not null
                ? $"Variable \"${varName}\" is not defined by operation \"{operation.Name.Value}\"."
                : $"Variable \"${varName}\" is not defined.", usage.Node, operation);
        }
    }
}

internal sealed class NoUnusedVariablesRule(ValidationContext context) : ValidationRule(context)
{
    private readonly List<VariableDefinitionNode> _defs = [];
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition | NodeKinds.VariableDefinition;
    public override NodeKinds LeaveKinds => NodeKinds.OperationDefinition;

    public override bool Enter(SyntaxNode node)
    {
        if (node is OperationDefinitionNode) _defs.Clear();
        else _defs.Add((VariableDefinitionNode)node);
        return true;
    }

    public override void Leave(SyntaxNode node)
    {
        if (_defs.Count == 0) return;
        var operation = (OperationDefinitionNode)node;
        var used = new HashSet<string>();
        foreach (var usage in Context.GetRecursiveVariableUsages(operation)) used.Add(usage.Node.Name.Value);
        foreach (var def in _defs)
        {
            var name = def.Variable.Name.Value;
            if (used.Contains(name)) continue;
            Context.ReportError(operation.Name is not null
                ? $"Variable \"${name}\" is never used in operation \"{operation.Name.Value}\"."
                : $"Variable \"${name}\" is never used.", def);
        }
    }
}
