using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>The spec's names of directive locations (§3.13 DirectiveLocation), to and from <see cref="DirectiveLocation"/>.</summary>
internal static class DirectiveLocationNames
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
