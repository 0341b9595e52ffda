using System.Collections;
using System.Text.RegularExpressions;
using Goals.Api.Tests.Infrastructure;
using Goals.Data;

namespace Goals.Api.Tests.Configuration;

/// <summary>docs/configuration.md lists exactly the keys of the options classes, with their defaults.</summary>
public sealed partial class OptionsDocumentationTests
{
    private static readonly List<(string Key, string Default)> Rows =
        KeyRow().Matches(File.ReadAllText(Path.Combine(LiveServer.RepositoryRoot, "docs", "configuration.md")))
            .Select(m => (m.Groups["key"].Value, m.Groups["default"].Value.Trim()))
            .ToList();

    [Fact]
    public void The_page_lists_every_key_once_and_nothing_else()
    {
        Assert.Equal(Rows.Count, Rows.Select(r => r.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(OptionsCatalog.AllKeys.Order(StringComparer.Ordinal), Rows.Select(r => r.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_default_on_the_page_is_the_options_default()
    {
        Assert.All(Rows.Where(r => r.Key != DatabaseOptions.ConnectionStringKey), row =>
        {
            var (type, property) = OptionsCatalog.Keys[row.Key];
            var initial = property.GetValue(Activator.CreateInstance(type));
            if (Literal().Match(row.Default) is { Success: true } literal)
                Assert.True(literal.Groups[1].Value == OptionsCatalog.Format(initial), $"{row.Key}: the page says `{literal.Groups[1].Value}`, the class starts with {OptionsCatalog.Format(initial) ?? "null"}.");
            else
                Assert.True(IsUnset(initial), $"{row.Key}: the page says '{row.Default}' (computed where used), but the class starts with {OptionsCatalog.Format(initial)}.");
        });
    }

    private static bool IsUnset(object? value) => value is null || value is ICollection { Count: 0 };

    [GeneratedRegex(@"^\| `(?<key>[A-Za-z][A-Za-z0-9]*:[A-Za-z][A-Za-z0-9]*)` \| (?<default>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex KeyRow();

    [GeneratedRegex(@"^`([^`]*)`$")]
    private static partial Regex Literal();
}
