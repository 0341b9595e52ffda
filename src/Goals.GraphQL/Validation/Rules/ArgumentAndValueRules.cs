using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation.Rules;

internal static class DirectiveLocations
{
    private static readonly (DirectiveLocation Location, string Name)[] Names =
    [
        (DirectiveLocation.Query, "QUERY"), (DirectiveLocation.Mutation, "MUTATION"), (DirectiveLocation.Subscription, "SUBSCRIPTION"),
        (DirectiveLocation.Field, "FIELD"), (DirectiveLocation.FragmentDefinition, "FRAGMENT_DEFINITION"),
        (DirectiveLocation.FragmentSpread, "FRAGMENT_SPREAD"), (DirectiveLocation.InlineFragment, "INLINE_FRAGMENT"),
        (DirectiveLocation.VariableDefinition, "VARIABLE_DEFINITION"), (DirectiveLocation.Schema, "SCHEMA"),
        (DirectiveLocation.Scalar, "SCALAR"), (DirectiveLocation.Object, "OBJECT"), (DirectiveLocation.FieldDefinition, "FIELD_DEFINITION"),
        (DirectiveLocation.ArgumentDefinition, "ARGUMENT_DEFINITION"), (DirectiveLocation.Interface, "INTERFACE"),
        (DirectiveLocation.Union, "UNION"), (DirectiveLocation.Enum, "ENUM"), (DirectiveLocation.EnumValue, "ENUM_VALUE"),
        (DirectiveLocation.InputObject, "INPUT_OBJECT"), (DirectiveLocation.InputFieldDefinition, "INPUT_FIELD_DEFINITION"),
    ];

    public static string Name(DirectiveLocation location)
    {
        foreach (var (l, n) in Names)
            if (l == location) return n;
        return location.ToString();
    }

    public static DirectiveLocation Parse(string name)
    {
        foreach (var (l, n) in Names)
            if (n == name) return l;
        return DirectiveLocation.None;
    }
}

internal sealed class KnownDirectivesRule(ValidationContext context) : ValidationRule(context)
{
    private Dictionary<string, DirectiveLocation>? _documentDirectives;
    public override NodeKinds EnterKinds => NodeKinds.Directive;

    public override bool Enter(SyntaxNode node)
    {
        var directive = (DirectiveNode)node;
        var name = directive.Name.Value;
        DirectiveLocation locations;
        if (DocumentDirectives().TryGetValue(name, out var docLocations)) locations = docLocations;
        else if (Context.Schema.GetDirective(name) is { } def) locations = def.Locations;
        else
        {
            Context.ReportError($"Unknown directive \"@{name}\".", directive);
            return true;
        }

        var candidate = Context.DirectiveLocation;
        if ((locations & candidate) == 0)
            Context.ReportError($"Directive \"@{name}\" may not be used on {DirectiveLocations.Name(candidate)}.", directive);
        return true;
    }

    private Dictionary<string, DirectiveLocation> DocumentDirectives()
    {
        if (_documentDirectives is not null) return _documentDirectives;
        _documentDirectives = new Dictionary<string, DirectiveLocation>();
        foreach (var def in Context.Document.Definitions)
        {
            if (def is not DirectiveDefinitionNode d) continue;
            var locations = DirectiveLocation.None;
            foreach (var l in d.Locations) locations |= DirectiveLocations.Parse(l.Value);
            _documentDirectives[d.Name.Value] = locations;
        }

        return _documentDirectives;
    }
}

internal sealed class UniqueDirectivesPerLocationRule(ValidationContext context) : ValidationRule(context)
{
    private readonly Dictionary<string, DirectiveNode> _schemaDirectives = new();
    private readonly Dictionary<string, Dictionary<string, DirectiveNode>> _typeDirectives = new();
    private Dictionary<string, bool>? _documentRepeatable;

    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition | NodeKinds.VariableDefinition | NodeKinds.Field |
                                            NodeKinds.FragmentSpread | NodeKinds.InlineFragment | NodeKinds.FragmentDefinition |
                                            NodeKinds.SdlNode;

    public override bool Enter(SyntaxNode node)
    {
        var directives = node switch
        {
            SelectionNode s => s.Directives,
            ExecutableDefinitionNode e => e.Directives,
            VariableDefinitionNode v => v.Directives,
            TypeSystemDefinitionNode t => t.Directives,
            FieldDefinitionNode f => f.Directives,
            InputValueDefinitionNode i => i.Directives,
            EnumValueDefinitionNode ev => ev.Directives,
            _ => [],
        };
        if (directives.Count == 0) return true;
        if (directives.Count == 1 && node is not (TypeSystemDefinitionNode)) return true;

        Dictionary<string, DirectiveNode> seen;
        if (node is SchemaDefinitionNode or SchemaExtensionNode) seen = _schemaDirectives;
        else if (node is TypeDefinitionNode t)
        {
            if (!_typeDirectives.TryGetValue(t.Name.Value, out seen!)) _typeDirectives[t.Name.Value] = seen = new Dictionary<string, DirectiveNode>();
        }
        else seen = new Dictionary<string, DirectiveNode>();

        foreach (var directive in directives)
        {
            var name = directive.Name.Value;
            if (!IsUnique(name)) continue;
            if (seen.TryGetValue(name, out var existing))
                Context.ReportError($"The directive \"@{name}\" can only be used once at this location.", existing, directive);
            else seen[name] = directive;
        }

        return true;
    }

    private bool IsUnique(string name)
    {
        if (_documentRepeatable is null)
        {
            _documentRepeatable = new Dictionary<string, bool>();
            foreach (var def in Context.Document.Definitions)
                if (def is DirectiveDefinitionNode d) _documentRepeatable[d.Name.Value] = d.Repeatable;
        }

        if (_documentRepeatable.TryGetValue(name, out var repeatable)) return !repeatable;
        return Context.Schema.GetDirective(name) is { } def2 && !def2.IsRepeatable;
    }
}

internal sealed class KnownArgumentNamesRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.Directive | NodeKinds.Argument;

    public override bool Enter(SyntaxNode node)
    {
        if (node is DirectiveNode directive)
        {
            if (directive.Arguments.Count == 0) return false;
            var name = directive.Name.Value;
            List<string>? known = null;
            foreach (var def in Context.Document.Definitions)
            {
                if (def is DirectiveDefinitionNode d && d.Name.Value == name)
                {
                    known = [];
                    foreach (var a in d.Arguments) known.Add(a.Name.Value);
                }
            }

            if (known is null && Context.Schema.GetDirective(name) is { } schemaDirective)
                known = [.. schemaDirective.Arguments.Keys];
            if (known is null) return false;
            foreach (var arg in directive.Arguments)
            {
                var argName = arg.Name.Value;
                if (known.Contains(argName)) continue;
                Context.ReportError($"Unknown argument \"{argName}\" on directive \"@{name}\"." +
                                    Suggestions.DidYouMean(Context.Suggest(argName, known)), arg);
            }

            return false;
        }

        var ti = Context.TypeInfo;
        var fieldDef = ti.FieldDef;
        var parentType = ti.ParentType;
        if (ti.Argument is null && fieldDef is not null && parentType is not null)
        {
            var argNode = (ArgumentNode)node;
            var argName = argNode.Name.Value;
            Context.ReportError($"Unknown argument \"{argName}\" on field \"{parentType.Name}.{fieldDef.Name}\"." +
                                Suggestions.DidYouMean(Context.Suggest(argName, fieldDef.Arguments.Keys)), argNode);
        }

        return true;
    }
}

internal sealed class UniqueArgumentNamesRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.Field | NodeKinds.Directive;

    public override bool Enter(SyntaxNode node)
    {
        var args = node is FieldNode f ? f.Arguments : ((DirectiveNode)node).Arguments;
        if (args.Count < 2) return true;
        Dictionary<string, List<SyntaxNode>>? groups = null;
        List<string>? order = null;
        for (var i = 0; i < args.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (args[j].Name.Value != args[i].Name.Value) continue;
                groups ??= new Dictionary<string, List<SyntaxNode>>();
                order ??= [];
                break;
            }
        }

        if (groups is null) return true;
        foreach (var arg in args)
        {
            if (!groups.TryGetValue(arg.Name.Value, out var list))
            {
                groups[arg.Name.Value] = list = [];
                order!.Add(arg.Name.Value);
            }

            list.Add(arg.Name);
        }

        foreach (var name in order!)
            if (groups[name].Count > 1)
                Context.ReportError($"There can be only one argument named \"{name}\".", groups[name]);
        return true;
    }
}

internal sealed class ValuesOfCorrectTypeRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.ListValue | NodeKinds.ObjectValue | NodeKinds.ObjectField |
                                            NodeKinds.NullValue | NodeKinds.ScalarValue;

    public override bool Enter(SyntaxNode node)
    {
        var ti = Context.TypeInfo;
        switch (node)
        {
            case ListValueNode list:
                if (ti.ParentInputType?.Nullable is not ListType)
                {
                    IsValidValueNode(list);
                    return false;
                }

                return true;
            case ObjectValueNode obj:
            {
                if (ti.InputType?.Named is not InputObjectType type)
                {
                    IsValidValueNode(obj);
                    return false;
                }

                Dictionary<string, ObjectFieldNode>? fieldNodeMap = null;
                if (obj.Fields.Count > 0)
                {
                    fieldNodeMap = new Dictionary<string, ObjectFieldNode>();
                    foreach (var f in obj.Fields) fieldNodeMap[f.Name.Value] = f;
                }

                foreach (var fieldDef in type.Fields.Values)
                {
                    if (fieldNodeMap is not null && fieldNodeMap.ContainsKey(fieldDef.Name)) continue;
                    if (fieldDef.Type.IsNonNull && fieldDef.DefaultValue is null)
                        Context.ReportError(
                            $"Field \"{type.Name}.{fieldDef.Name}\" of required type \"{fieldDef.Type}\" was not provided.", obj);
                }

                if (type.IsOneOf)
                {
                    if (fieldNodeMap is null || fieldNodeMap.Count != 1)
                    {
                        Context.ReportError($"OneOf Input Object \"{type.Name}\" must specify exactly one key.", obj);
                    }
                    else
                    {
                        foreach (var (key, fieldNode) in fieldNodeMap)
                            if (fieldNode.Value is NullValueNode)
                                Context.ReportError($"Field \"{type.Name}.{key}\" must be non-null.", obj);
                    }
                }

                return true;
            }
            case ObjectFieldNode field:
                if (ti.InputType is null && ti.ParentInputType?.Named is InputObjectType parentType)
                {
                    Context.ReportError($"Field \"{field.Name.Value}\" is not defined by type \"{parentType.Name}\"." +
                                        Suggestions.DidYouMean(Context.Suggest(field.Name.Value, parentType.Fields.Keys)), field);
                }

                return true;
            case NullValueNode:
                if (ti.InputType is NonNullType nn)
                    Context.ReportError($"Expected value of type \"{nn}\", found null.", node);
                return true;
            default:
                IsValidValueNode((ValueNode)node);
                return true;
        }
    }

    private void IsValidValueNode(ValueNode node)
    {
        var locationType = Context.TypeInfo.InputType;
        if (locationType is null) return;
        var type = locationType.Named;
        if (type is EnumType enumType)
        {
            if (node is not EnumValueNode enumValue)
            {
                var valueStr = Printer.Print(node);
                Context.ReportError($"Enum \"{enumType.Name}\" cannot represent non-enum value: {valueStr}." +
                                    DidYouMeanEnumValue(enumType, valueStr), node);
            }
            else if (!enumType.Values.ContainsKey(enumValue.Value))
            {
                var valueStr = enumValue.Value;
                Context.ReportError($"Value \"{valueStr}\" does not exist in \"{enumType.Name}\" enum." +
                                    DidYouMeanEnumValue(enumType, valueStr), node);
            }

            return;
        }

        if (type is not ScalarType scalar)
        {
            Context.ReportError($"Expected value of type \"{locationType}\", found {Printer.Print(node)}.", node);
            return;
        }

        try
        {
            if (scalar.ParseLiteral(node) is null)
                Context.ReportError($"Expected value of type \"{locationType}\", found {Printer.Print(node)}.", node);
        }
        catch (GraphQLException ex)
        {
            Context.ReportError(ex.Message, node);
        }
        catch (Exception ex) when (ex is not ValidationAbortedException)
        {
            Context.ReportError($"Expected value of type \"{locationType}\", found {Printer.Print(node)}; {ex.Message}", node);
        }
    }

    private string DidYouMeanEnumValue(EnumType type, string valueStr) =>
        Suggestions.DidYouMean("the enum value", Context.Suggest(valueStr, type.Values.Keys));
}

internal sealed class ProvidedRequiredArgumentsRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.None;
    public override NodeKinds LeaveKinds => NodeKinds.Field | NodeKinds.Directive;

    public override void Leave(SyntaxNode node)
    {
        if (node is FieldNode field)
        {
            var fieldDef = Context.TypeInfo.FieldDef;
            if (fieldDef is null || fieldDef.Arguments.Count == 0) return;
            foreach (var argDef in fieldDef.Arguments.Values)
            {
                if (!argDef.Type.IsNonNull || argDef.DefaultValue is not null || HasArgument(field.Arguments, argDef.Name)) continue;
                Context.ReportError(
                    $"Field \"{fieldDef.Name}\" argument \"{argDef.Name}\" of type \"{argDef.Type}\" is required, but it was not provided.",
                    field);
            }

            return;
        }

        var directive = (DirectiveNode)node;
        var name = directive.Name.Value;
        foreach (var def in Context.Document.Definitions)
        {
            if (def is not DirectiveDefinitionNode d || d.Name.Value != name) continue;
            foreach (var arg in d.Arguments)
            {
                if (arg.Type is not NonNullTypeNode || arg.DefaultValue is not null || HasArgument(directive.Arguments, arg.Name.Value)) continue;
                Context.ReportError(
                    $"Directive \"@{name}\" argument \"{arg.Name.Value}\" of type \"{Printer.Print(arg.Type)}\" is required, but it was not provided.",
                    directive);
            }

            return;
        }

        if (Context.Schema.GetDirective(name) is not { } schemaDirective) return;
        foreach (var argDef in schemaDirective.Arguments.Values)
        {
            if (!argDef.Type.IsNonNull || argDef.DefaultValue is not null || HasArgument(directive.Arguments, argDef.Name)) continue;
            Context.ReportError(
                $"Directive \"@{name}\" argument \"{argDef.Name}\" of type \"{argDef.Type}\" is required, but it was not provided.",
                directive);
        }
    }

    private static bool HasArgument(IReadOnlyList<ArgumentNode> args, string name)
    {
        for (var i = 0; i < args.Count; i++)
            if (args[i].Name.Value == name) return true;
        return false;
    }
}

internal sealed class VariablesInAllowedPositionRule(ValidationContext context) : ValidationRule(context)
{
    private readonly Dictionary<string, VariableDefinitionNode> _varDefs = new();
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition | NodeKinds.VariableDefinition;
    public override NodeKinds LeaveKinds => NodeKinds.OperationDefinition;

    public override bool Enter(SyntaxNode node)
    {
        if (node is OperationDefinitionNode) _varDefs.Clear();
        else
        {
            var def = (VariableDefinitionNode)node;
            _varDefs[def.Variable.Name.Value] = def;
        }

        return true;
    }

    public override void Leave(SyntaxNode node)
    {
        if (_varDefs.Count == 0) return;
        var schema = Context.Schema;
        foreach (var usage in Context.GetRecursiveVariableUsages((OperationDefinitionNode)node))
        {
            var varName = usage.Node.Name.Value;
            if (!_varDefs.TryGetValue(varName, out var varDef) || usage.Type is null) continue;
            var varType = ValidationContext.TypeFromAst(schema, varDef.Type);
            if (varType is not null && !AllowedVariableUsage(schema, varType, varDef.DefaultValue, usage.Type, usage.DefaultValue))
            {
                Context.ReportError(
                    $"Variable \"${varName}\" of type \"{varType}\" used in position expecting type \"{usage.Type}\".", varDef, usage.Node);
            }

            if (usage.ParentType is InputObjectType { IsOneOf: true } oneOf && varType is not null && !varType.IsNonNull)
            {
                Context.ReportError(
                    $"Variable \"${varName}\" is of type \"{varType}\" but must be non-nullable to be used for OneOf Input Object \"{oneOf.Name}\".",
                    varDef, usage.Node);
            }
        }
    }

    private static bool AllowedVariableUsage(Schema schema, GraphQLType varType, ValueNode? varDefaultValue, GraphQLType locationType,
        ValueNode? locationDefaultValue)
    {
        if (locationType is NonNullType nnLocation && varType is not NonNullType)
        {
            var hasNonNullVariableDefaultValue = varDefaultValue is not null and not NullValueNode;
            var hasLocationDefaultValue = locationDefaultValue is not null;
            if (!hasNonNullVariableDefaultValue && !hasLocationDefaultValue) return false;
            return TypeComparators.IsTypeSubTypeOf(schema, varType, nnLocation.OfType);
        }

        return TypeComparators.IsTypeSubTypeOf(schema, varType, locationType);
    }
}

internal sealed class UniqueInputFieldNamesRule(ValidationContext context) : ValidationRule(context)
{
    private readonly Stack<Dictionary<string, NameNode>?> _stack = new();
    private Dictionary<string, NameNode>? _known;
    public override NodeKinds EnterKinds => NodeKinds.ObjectValue | NodeKinds.ObjectField;
    public override NodeKinds LeaveKinds => NodeKinds.ObjectValue;

    public override bool Enter(SyntaxNode node)
    {
        if (node is ObjectValueNode)
        {
            _stack.Push(_known);
            _known = null;
            return true;
        }

        var field = (ObjectFieldNode)node;
        _known ??= new Dictionary<string, NameNode>();
        if (_known.TryGetValue(field.Name.Value, out var existing))
            Context.ReportError($"There can be only one input field named \"{field.Name.Value}\".", existing, field.Name);
        else _known[field.Name.Value] = field.Name;
        return true;
    }

    public override void Leave(SyntaxNode node) => _known = _stack.Pop();
}

internal sealed class MaxIntrospectionDepthRule(ValidationContext context) : ValidationRule(context)
{
    private const int MaxListsDepth = 3;
    private Dictionary<string, int>? _checked;
    private Dictionary<string, int>? _exceeded;
    public override NodeKinds EnterKinds => NodeKinds.Field;

    public override bool Enter(SyntaxNode node)
    {
        var field = (FieldNode)node;
        if (field.Name.Value is not ("__schema" or "__type")) return true;
        if (CheckDepth(field, new Dictionary<string, int>(), 0))
        {
            Context.ReportError("Maximum introspection depth exceeded", field);
            return false;
        }

        return true;
    }

    private bool CheckDepth(SelectionNode node, Dictionary<string, int> visited, int depth)
    {
        if (node is FragmentSpreadNode spread)
        {
            var name = spread.Name.Value;
            _checked ??= new Dictionary<string, int>();
            _exceeded ??= new Dictionary<string, int>();
            if (_exceeded.TryGetValue(name, out var exceededDepth) && exceededDepth <= depth) return true;
            if ((visited.TryGetValue(name, out var v) && v >= depth) || (_checked.TryGetValue(name, out var c) && c >= depth)) return false;
            var fragment = Context.GetFragment(name);
            if (fragment is null) return false;
            visited[name] = depth;
            if (CheckSelections(fragment.SelectionSet, visited, depth))
            {
                _exceeded[name] = depth;
                return true;
            }

            _checked[name] = depth;
            return false;
        }

        if (node is FieldNode field)
        {
            if (field.Name.Value is "fields" or "interfaces" or "possibleTypes" or "inputFields")
            {
                depth++;
                if (depth >= MaxListsDepth) return true;
            }

            return field.SelectionSet is not null && CheckSelections(field.SelectionSet, visited, depth);
        }

        return CheckSelections(((InlineFragmentNode)node).SelectionSet, visited, depth);
    }

    private bool CheckSelections(SelectionSetNode set, Dictionary<string, int> visited, int depth)
    {
        var selections = set.Selections;
        for (var i = 0; i < selections.Count; i++)
            if (CheckDepth(selections[i], visited, depth)) return true;
        return false;
    }
}
