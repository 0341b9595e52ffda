using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.3.1 Field Selections: a selected field must be defined on its parent type.</summary>
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
