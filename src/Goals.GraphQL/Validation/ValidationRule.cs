using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation;

/// <summary>The node kinds the validation walker reports to rules.</summary>
[Flags]
internal enum NodeKinds
{
    None = 0,
    Document = 1 << 0,
    OperationDefinition = 1 << 1,
    VariableDefinition = 1 << 2,
    SelectionSet = 1 << 3,
    Field = 1 << 4,
    FragmentSpread = 1 << 5,
    InlineFragment = 1 << 6,
    FragmentDefinition = 1 << 7,
    Directive = 1 << 8,
    Argument = 1 << 9,
    ListValue = 1 << 10,
    ObjectValue = 1 << 11,
    ObjectField = 1 << 12,
    ScalarValue = 1 << 13,
    NullValue = 1 << 14,
    NamedType = 1 << 15,

    /// <summary>Type system definitions (and their fields, arguments, enum values) that carry directives.</summary>
    SdlNode = 1 << 16,
}

/// <summary>
/// One validation rule. The walker calls <see cref="Enter"/> and <see cref="Leave"/> only for the kinds the rule
/// declares; returning false from Enter skips that node's subtree for this rule only (graphql-js visitInParallel).
/// </summary>
internal abstract class ValidationRule
{
    protected ValidationRule(ValidationContext context) => Context = context;

    protected ValidationContext Context { get; }

    public abstract NodeKinds EnterKinds { get; }
    public virtual NodeKinds LeaveKinds => NodeKinds.None;

    /// <summary>Set by the walker while this rule skips a subtree.</summary>
    internal SyntaxNode? SkipUntil;

    public virtual bool Enter(SyntaxNode node) => true;
    public virtual void Leave(SyntaxNode node) { }
}
