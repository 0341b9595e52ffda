using Goals.GraphQL.Execution;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types.Scalars;

namespace Goals.GraphQL.Types.Building;

/// <summary>Default values of arguments and input fields, coerced once against their types.</summary>
internal sealed partial class SchemaBuildState
{
    private void CoerceDefaults()
    {
        foreach (var name in _typeOrder)
        {
            switch (_types[name])
            {
                case IFieldsContainer container:
                    foreach (var field in container.Fields.Values)
                    {
                        foreach (var arg in field.Arguments.Values)
                            CoerceDefault(arg, $"{name}.{field.Name}({arg.Name}:)");
                    }

                    break;
                case InputObjectType input:
                    foreach (var field in input.Fields.Values) CoerceDefault(field, $"{name}.{field.Name}");
                    break;
            }
        }

        foreach (var directive in _directives.Values)
        {
            foreach (var arg in directive.Arguments.Values)
                CoerceDefault(arg, $"@{directive.Name}({arg.Name}:)");
        }
    }

    private void CoerceDefault(InputValueDefinition value, string coordinate)
    {
        if (value.DefaultValue is null || !value.Type.IsInputType) return;
        if (value.DefaultValue is VariableNode || Values.ValueFromAst(value.DefaultValue, value.Type, null) is var coerced && coerced == Values.Undefined)
        {
            Problem($"Default value of {coordinate} is invalid for type \"{value.Type}\": {Inspect.Literal(value.DefaultValue)}.", value.DefaultValue);
            return;
        }

        value.CoercedDefaultValue = coerced;
    }
}
