using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation;

/// <summary>
/// One traversal of the document that keeps <see cref="TypeInfo"/> up to date and dispatches enter/leave to every
/// rule interested in the node's kind (graphql-js visitInParallel + visitWithTypeInfo).
/// </summary>
internal sealed class ValidationWalker
{
    private const int KindCount = 17;
    private readonly ValidationContext _ctx;
    private readonly TypeInfo _ti;
    private readonly Schema _schema;
    private readonly ValidationRule[] _rules;
    private readonly int[][] _enter;
    private readonly int[][] _leave;
    private int _skipping;

    /// <summary>Immutable once published; replaced as a whole (a reference write is atomic, so concurrent validations are safe).</summary>
    private sealed record DispatchTables(Type[] Types, int[][] Enter, int[][] Leave);

    private static DispatchTables? _dispatchCache;

    public ValidationWalker(ValidationContext context, ValidationRule[] rules)
    {
        _ctx = context;
        _ti = context.TypeInfo;
        _schema = context.Schema;
        _rules = rules;

        // Which rules want which kinds depends only on the rule types: compute the tables once per rule set.
        var cache = _dispatchCache;
        if (cache is null || !SameTypes(cache.Types, rules))
        {
            var enterIdx = new int[KindCount][];
            var leaveIdx = new int[KindCount][];
            for (var k = 0; k < KindCount; k++)
            {
                var flag = (NodeKinds)(1 << k);
                enterIdx[k] = Enumerable.Range(0, rules.Length).Where(i => (rules[i].EnterKinds & flag) != 0).ToArray();
                leaveIdx[k] = Enumerable.Range(0, rules.Length).Where(i => (rules[i].LeaveKinds & flag) != 0).ToArray();
            }

            cache = new DispatchTables(rules.Select(r => r.GetType()).ToArray(), enterIdx, leaveIdx);
            _dispatchCache = cache;
        }

        _enter = cache.Enter;
        _leave = cache.Leave;
    }

    private static bool SameTypes(Type[] types, ValidationRule[] rules)
    {
        if (types.Length != rules.Length) return false;
        for (var i = 0; i < types.Length; i++)
            if (types[i] != rules[i].GetType()) return false;
        return true;
    }

    private static int Index(NodeKinds kind) => System.Numerics.BitOperations.TrailingZeroCount((int)kind);

    private void Enter(NodeKinds kind, SyntaxNode node)
    {
        var indexes = _enter[Index(kind)];
        for (var i = 0; i < indexes.Length; i++)
        {
            var rule = _rules[indexes[i]];
            if (rule.SkipUntil is not null) continue;
            if (!rule.Enter(node))
            {
                rule.SkipUntil = node;
                _skipping++;
            }
        }
    }

    private void Leave(NodeKinds kind, SyntaxNode node)
    {
        if (_skipping > 0)
        {
            foreach (var rule in _rules)
            {
                if (ReferenceEquals(rule.SkipUntil, node))
                {
                    rule.SkipUntil = null;
                    _skipping--;
                }
            }
        }

        var indexes = _leave[Index(kind)];
        for (var i = 0; i < indexes.Length; i++)
        {
            var rule = _rules[indexes[i]];
            if (rule.SkipUntil is null) rule.Leave(node);
        }
    }

    public void WalkDocument(DocumentNode document)
    {
        Enter(NodeKinds.Document, document);
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case OperationDefinitionNode op: WalkOperation(op); break;
                case FragmentDefinitionNode fragment: WalkFragmentDefinition(fragment); break;
                case TypeSystemDefinitionNode sdl:
                    _ctx.InSdl = true;
                    WalkSdl(sdl);
                    _ctx.InSdl = false;
                    break;
            }
        }

        Leave(NodeKinds.Document, document);
    }

    private void WalkOperation(OperationDefinitionNode op)
    {
        var root = _schema.GetRootType(op.Operation);
        _ti.TypeStack.Push(root);
        Enter(NodeKinds.OperationDefinition, op);
        foreach (var v in op.VariableDefinitions) WalkVariableDefinition(v);
        WalkDirectives(op.Directives, op.Operation switch
        {
            OperationType.Query => DirectiveLocation.Query,
            OperationType.Mutation => DirectiveLocation.Mutation,
            _ => DirectiveLocation.Subscription,
        });
        WalkSelectionSet(op.SelectionSet);
        Leave(NodeKinds.OperationDefinition, op);
        _ti.TypeStack.Pop();
    }

    private void WalkVariableDefinition(VariableDefinitionNode node)
    {
        var inputType = ValidationContext.TypeFromAst(_schema, node.Type);
        _ti.InputTypeStack.Push(ValidationContext.IsInputType(inputType) ? inputType : null);
        Enter(NodeKinds.VariableDefinition, node);
        WalkTypeNode(node.Type);
        if (node.DefaultValue is not null) WalkValue(node.DefaultValue);
        WalkDirectives(node.Directives, DirectiveLocation.VariableDefinition);
        Leave(NodeKinds.VariableDefinition, node);
        _ti.InputTypeStack.Pop();
    }

    private void WalkTypeNode(TypeNode node)
    {
        while (true)
        {
            switch (node)
            {
                case NamedTypeNode named:
                    Enter(NodeKinds.NamedType, named);
                    Leave(NodeKinds.NamedType, named);
                    return;
                case ListTypeNode list:
                    node = list.Type;
                    break;
                case NonNullTypeNode nn:
                    node = nn.Type;
                    break;
                default:
                    return;
            }
        }
    }

    private void WalkSelectionSet(SelectionSetNode node)
    {
        var named = _ti.Type?.Named;
        _ti.ParentTypeStack.Push(named is not null && named.IsCompositeType ? named : null);
        Enter(NodeKinds.SelectionSet, node);
        var selections = node.Selections;
        for (var i = 0; i < selections.Count; i++)
        {
            switch (selections[i])
            {
                case FieldNode field: WalkField(field); break;
                case FragmentSpreadNode spread: WalkFragmentSpread(spread); break;
                case InlineFragmentNode inline: WalkInlineFragment(inline); break;
            }
        }

        Leave(NodeKinds.SelectionSet, node);
        _ti.ParentTypeStack.Pop();
    }

    private void WalkField(FieldNode node)
    {
        var parentType = _ti.ParentType;
        var fieldDef = parentType is null ? null : ValidationContext.GetFieldDef(_schema, parentType, node.Name.Value);
        _ti.FieldDefStack.Push(fieldDef);
        var fieldType = fieldDef?.Type;
        _ti.TypeStack.Push(ValidationContext.IsOutputType(fieldType) ? fieldType : null);
        Enter(NodeKinds.Field, node);
        var args = node.Arguments;
        for (var i = 0; i < args.Count; i++) WalkArgument(args[i]);
        WalkDirectives(node.Directives, DirectiveLocation.Field);
        if (node.SelectionSet is not null) WalkSelectionSet(node.SelectionSet);
        Leave(NodeKinds.Field, node);
        _ti.FieldDefStack.Pop();
        _ti.TypeStack.Pop();
    }

    private void WalkArgument(ArgumentNode node)
    {
        InputValueDefinition? argDef = null;
        if (_ti.Directive is { } directive) directive.Arguments.TryGetValue(node.Name.Value, out argDef);
        else if (_ti.FieldDef is { } field) field.Arguments.TryGetValue(node.Name.Value, out argDef);
        _ti.Argument = argDef;
        _ti.DefaultValueStack.Push(argDef?.DefaultValue);
        var argType = argDef?.Type;
        _ti.InputTypeStack.Push(ValidationContext.IsInputType(argType) ? argType : null);
        Enter(NodeKinds.Argument, node);
        WalkValue(node.Value);
        Leave(NodeKinds.Argument, node);
        _ti.Argument = null;
        _ti.DefaultValueStack.Pop();
        _ti.InputTypeStack.Pop();
    }

    private void WalkValue(ValueNode node)
    {
        switch (node)
        {
            case ListValueNode list:
            {
                var listType = _ti.InputType?.Nullable;
                var itemType = listType is ListType lt ? lt.OfType : listType;
                _ti.DefaultValueStack.Push(null);
                _ti.InputTypeStack.Push(ValidationContext.IsInputType(itemType) ? itemType : null);
                Enter(NodeKinds.ListValue, list);
                var values = list.Values;
                for (var i = 0; i < values.Count; i++) WalkValue(values[i]);
                Leave(NodeKinds.ListValue, list);
                _ti.DefaultValueStack.Pop();
                _ti.InputTypeStack.Pop();
                break;
            }
            case ObjectValueNode obj:
            {
                Enter(NodeKinds.ObjectValue, obj);
                var fields = obj.Fields;
                for (var i = 0; i < fields.Count; i++)
                {
                    var field = fields[i];
                    InputValueDefinition? inputField = null;
                    if (_ti.InputType?.Named is InputObjectType iot) iot.Fields.TryGetValue(field.Name.Value, out inputField);
                    _ti.DefaultValueStack.Push(inputField?.DefaultValue);
                    var fieldType = inputField?.Type;
                    _ti.InputTypeStack.Push(ValidationContext.IsInputType(fieldType) ? fieldType : null);
                    Enter(NodeKinds.ObjectField, field);
                    WalkValue(field.Value);
                    Leave(NodeKinds.ObjectField, field);
                    _ti.DefaultValueStack.Pop();
                    _ti.InputTypeStack.Pop();
                }

                Leave(NodeKinds.ObjectValue, obj);
                break;
            }
            case VariableNode:
                break;
            case NullValueNode:
                Enter(NodeKinds.NullValue, node);
                Leave(NodeKinds.NullValue, node);
                break;
            default:
                Enter(NodeKinds.ScalarValue, node);
                Leave(NodeKinds.ScalarValue, node);
                break;
        }
    }

    private void WalkFragmentSpread(FragmentSpreadNode node)
    {
        Enter(NodeKinds.FragmentSpread, node);
        WalkDirectives(node.Directives, DirectiveLocation.FragmentSpread);
        Leave(NodeKinds.FragmentSpread, node);
    }

    private void WalkInlineFragment(InlineFragmentNode node)
    {
        var outputType = node.TypeCondition is not null
            ? ValidationContext.TypeFromAst(_schema, node.TypeCondition)
            : _ti.Type?.Named;
        _ti.TypeStack.Push(ValidationContext.IsOutputType(outputType) ? outputType : null);
        Enter(NodeKinds.InlineFragment, node);
        if (node.TypeCondition is not null) WalkTypeNode(node.TypeCondition);
        WalkDirectives(node.Directives, DirectiveLocation.InlineFragment);
        WalkSelectionSet(node.SelectionSet);
        Leave(NodeKinds.InlineFragment, node);
        _ti.TypeStack.Pop();
    }

    private void WalkFragmentDefinition(FragmentDefinitionNode node)
    {
        var outputType = ValidationContext.TypeFromAst(_schema, node.TypeCondition);
        _ti.TypeStack.Push(ValidationContext.IsOutputType(outputType) ? outputType : null);
        Enter(NodeKinds.FragmentDefinition, node);
        WalkTypeNode(node.TypeCondition);
        WalkDirectives(node.Directives, DirectiveLocation.FragmentDefinition);
        WalkSelectionSet(node.SelectionSet);
        Leave(NodeKinds.FragmentDefinition, node);
        _ti.TypeStack.Pop();
    }

    private void WalkDirectives(IReadOnlyList<DirectiveNode> directives, DirectiveLocation location)
    {
        for (var i = 0; i < directives.Count; i++)
        {
            var directive = directives[i];
            _ti.Directive = _schema.GetDirective(directive.Name.Value);
            _ctx.DirectiveLocation = location;
            Enter(NodeKinds.Directive, directive);
            var args = directive.Arguments;
            for (var j = 0; j < args.Count; j++) WalkArgument(args[j]);
            Leave(NodeKinds.Directive, directive);
            _ti.Directive = null;
        }
    }

    // ------------------------------------------------------------------ type system definitions

    private void WalkSdl(TypeSystemDefinitionNode node)
    {
        Enter(NodeKinds.SdlNode, node);
        switch (node)
        {
            case SchemaDefinitionNode schema:
                WalkDirectives(schema.Directives, DirectiveLocation.Schema);
                foreach (var op in schema.OperationTypes) WalkTypeNode(op.Type);
                break;
            case SchemaExtensionNode ext:
                WalkDirectives(ext.Directives, DirectiveLocation.Schema);
                foreach (var op in ext.OperationTypes) WalkTypeNode(op.Type);
                break;
            case ScalarTypeDefinitionNode scalar:
                WalkDirectives(scalar.Directives, DirectiveLocation.Scalar);
                break;
            case ObjectTypeDefinitionNode obj:
                foreach (var i in obj.Interfaces) WalkTypeNode(i);
                WalkDirectives(obj.Directives, DirectiveLocation.Object);
                foreach (var f in obj.Fields) WalkFieldDefinition(f);
                break;
            case InterfaceTypeDefinitionNode iface:
                foreach (var i in iface.Interfaces) WalkTypeNode(i);
                WalkDirectives(iface.Directives, DirectiveLocation.Interface);
                foreach (var f in iface.Fields) WalkFieldDefinition(f);
                break;
            case UnionTypeDefinitionNode union:
                WalkDirectives(union.Directives, DirectiveLocation.Union);
                foreach (var t in union.Types) WalkTypeNode(t);
                break;
            case EnumTypeDefinitionNode en:
                WalkDirectives(en.Directives, DirectiveLocation.Enum);
                foreach (var v in en.Values)
                {
                    Enter(NodeKinds.SdlNode, v);
                    WalkDirectives(v.Directives, DirectiveLocation.EnumValue);
                    Leave(NodeKinds.SdlNode, v);
                }

                break;
            case InputObjectTypeDefinitionNode input:
                WalkDirectives(input.Directives, DirectiveLocation.InputObject);
                foreach (var f in input.Fields) WalkInputValueDefinition(f, DirectiveLocation.InputFieldDefinition);
                break;
            case DirectiveDefinitionNode directive:
                foreach (var a in directive.Arguments) WalkInputValueDefinition(a, DirectiveLocation.ArgumentDefinition);
                break;
        }

        Leave(NodeKinds.SdlNode, node);
    }

    private void WalkFieldDefinition(FieldDefinitionNode node)
    {
        Enter(NodeKinds.SdlNode, node);
        foreach (var a in node.Arguments) WalkInputValueDefinition(a, DirectiveLocation.ArgumentDefinition);
        WalkTypeNode(node.Type);
        WalkDirectives(node.Directives, DirectiveLocation.FieldDefinition);
        Leave(NodeKinds.SdlNode, node);
    }

    private void WalkInputValueDefinition(InputValueDefinitionNode node, DirectiveLocation location)
    {
        Enter(NodeKinds.SdlNode, node);
        WalkTypeNode(node.Type);
        if (node.DefaultValue is not null) WalkValue(node.DefaultValue);
        WalkDirectives(node.Directives, location);
        Leave(NodeKinds.SdlNode, node);
    }
}
