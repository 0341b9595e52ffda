using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.6.1 Values of Correct Type, with §5.6.2 Input Object Field Names, §5.6.4 Input Object Required Fields and the OneOf Input Object rules.</summary>
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
                    {
                        Context.ReportError(
                            $"Field \"{type.Name}.{fieldDef.Name}\" of required type \"{fieldDef.Type}\" was not provided.", obj);
                    }
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
                        {
                            if (fieldNode.Value is NullValueNode)
                                Context.ReportError($"Field \"{type.Name}.{key}\" must be non-null.", obj);
                        }
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
