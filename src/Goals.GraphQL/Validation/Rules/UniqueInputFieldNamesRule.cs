using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.6.3 Input Object Field Uniqueness.</summary>
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
