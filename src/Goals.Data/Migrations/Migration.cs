using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Goals.Data.Migrations;

/// <summary>One numbered migration file, e.g. <c>0001_goals.sql</c> → version 1, name "goals".</summary>
public sealed partial record Migration(int Version, string Name, string Sql)
{
    /// <summary>sha256 (hex) of the file with line endings normalized, so a CRLF checkout is not an "edit".</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    public IReadOnlyList<string> Statements => SqlStatementSplitter.Split(Sql);

    public static bool TryParseFileName(string fileName, out int version, out string name)
    {
        var match = FileNamePattern().Match(fileName);
        version = match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        name = match.Success ? match.Groups[2].Value : "";
        return match.Success;
    }

    [GeneratedRegex(@"^(\d+)_([A-Za-z0-9_\-]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
