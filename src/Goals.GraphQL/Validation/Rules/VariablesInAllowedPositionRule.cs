using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.8.5 All Variable Usages Are Allowed (and a OneOf field's variable must be non-null).</summary>
internal sealed class VariablesInAllowedPositionRule(ValidationContext context) : ValidationRule(context)
{
    private readonly Dictionary<string, VariableDefinitionNode> _varDefs = new();
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition | NodeKinds.VariableDefinition;
    public override NodeKinds LeaveKinds => NodeKinds.OperationDefinition;

    public override bool Enter(SyntaxNode node)
    {
        if (node is OperationDefinitionNode)
        {
            _varDefs.Clear();
        }
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
