using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation;

/// <summary>A variable's use, with the input type (and default value) expected where it appears.</summary>
internal readonly record struct VariableUsage(VariableNode Node, GraphQLType? Type, ValueNode? DefaultValue, GraphQLType? ParentType);

/// <summary>graphql-js getVariableUsages: every variable in an operation or fragment with the input type expected there.</summary>
internal static class VariableUsageCollector
{
    public static List<VariableUsage> Collect(ValidationContext ctx, ExecutableDefinitionNode node)
    {
        var usages = new List<VariableUsage>();
        var schema = ctx.Schema;
        var type = node switch
        {
            OperationDefinitionNode op => schema.GetRootType(op.Operation),
            FragmentDefinitionNode f => ValidationContext.TypeFromAst(schema, f.TypeCondition),
            _ => null,
        };
        if (!ValidationContext.IsOutputType(type)) type = null;
        Directives(ctx, node.Directives, null, usages);
        SelectionSet(ctx, node.SelectionSet, type, null, usages);
        return usages;
    }

    private static void SelectionSet(ValidationContext ctx, SelectionSetNode set, GraphQLType? type, FieldDefinition? enclosingField,
        List<VariableUsage> usages)
    {
        var named = type?.Named;
        var parentType = named is not null && named.IsCompositeType ? named : null;
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                {
                    var fieldDef = parentType is null ? null : ValidationContext.GetFieldDef(ctx.Schema, parentType, field.Name.Value);
                    foreach (var arg in field.Arguments)
                    {
                        InputValueDefinition? argDef = null;
                        fieldDef?.Arguments.TryGetValue(arg.Name.Value, out argDef);
                        Value(arg.Value, InputOrNull(argDef?.Type), argDef?.DefaultValue, null, usages);
                    }

                    Directives(ctx, field.Directives, fieldDef, usages);
                    if (field.SelectionSet is not null)
                    {
                        var fieldType = fieldDef?.Type;
                        SelectionSet(ctx, field.SelectionSet, ValidationContext.IsOutputType(fieldType) ? fieldType : null, fieldDef, usages);
                    }

                    break;
                }
                case FragmentSpreadNode spread:
                    Directives(ctx, spread.Directives, enclosingField, usages);
                    break;
                case InlineFragmentNode inline:
                {
                    var outputType = inline.TypeCondition is not null
                        ? ValidationContext.TypeFromAst(ctx.Schema, inline.TypeCondition)
                        : type?.Named;
                    Directives(ctx, inline.Directives, enclosingField, usages);
                    SelectionSet(ctx, inline.SelectionSet, ValidationContext.IsOutputType(outputType) ? outputType : null, enclosingField, usages);
                    break;
                }
            }
        }
    }

    private static GraphQLType? InputOrNull(GraphQLType? type) => ValidationContext.IsInputType(type) ? type : null;

    /// <summary>Like TypeInfo: a directive's arguments resolve against the directive, or the enclosing field when unknown.</summary>
    private static void Directives(ValidationContext ctx, IReadOnlyList<DirectiveNode> directives, FieldDefinition? fieldDef,
        List<VariableUsage> usages)
    {
        foreach (var directive in directives)
        {
            var def = ctx.Schema.GetDirective(directive.Name.Value);
            foreach (var arg in directive.Arguments)
            {
                InputValueDefinition? argDef = null;
                if (def is not null) def.Arguments.TryGetValue(arg.Name.Value, out argDef);
                else fieldDef?.Arguments.TryGetValue(arg.Name.Value, out argDef);
                Value(arg.Value, InputOrNull(argDef?.Type), argDef?.DefaultValue, null, usages);
            }
        }
    }

    private static void Value(ValueNode value, GraphQLType? inputType, ValueNode? defaultValue, GraphQLType? parentInputType,
        List<VariableUsage> usages)
    {
        switch (value)
        {
            case VariableNode variable:
                usages.Add(new VariableUsage(variable, inputType, defaultValue, parentInputType));
                break;
            case ListValueNode list:
            {
                var listType = inputType?.Nullable;
                var itemType = listType is ListType lt ? lt.OfType : listType;
                foreach (var item in list.Values) Value(item, InputOrNull(itemType), null, inputType, usages);
                break;
            }
            case ObjectValueNode obj:
                foreach (var field in obj.Fields)
                {
                    InputValueDefinition? inputField = null;
                    if (inputType?.Named is InputObjectType iot) iot.Fields.TryGetValue(field.Name.Value, out inputField);
                    Value(field.Value, InputOrNull(inputField?.Type), inputField?.DefaultValue, inputType, usages);
                }

                break;
        }
    }
}
