using System.Buffers;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Goals.Api.Configuration;
using Goals.GraphQL;
using Goals.GraphQL.Execution;

namespace Goals.Api.Http;

/// <summary>
/// Persisted operations, the step between reading a request and executing it: automatic persisted queries (APQ, as
/// Apollo Server answers them) or, when <c>GraphQL:TrustedDocuments</c> is set, trusted documents only.
/// <list type="bullet">
/// <item>hash without query: the registered text runs; unknown → 200 PERSISTED_QUERY_NOT_FOUND, never cached (the
/// client then sends the text with the hash);</item>
/// <item>hash with query: the hash must be the text's SHA-256 (else 400 PERSISTED_QUERY_HASH_MISMATCH), then the text
/// runs and, once it validates, is registered (APQ mode only);</item>
/// <item>trusted mode: a text (with or without hash) whose SHA-256 is not in the manifest is refused before execution
/// with OPERATION_NOT_TRUSTED — introspection included; nothing is registered.</item>
/// </list>
/// </summary>
public sealed class PersistedQueries
{
    private const string NotFoundMessage = "PersistedQueryNotFound"; // the message Apollo clients (and gateways) match
    private readonly GraphQLExecutor _executor;
    private readonly FrozenDictionary<string, string>? _trusted;
    private readonly PersistedQueryRegistry? _registry;

    public PersistedQueries(GraphQLExecutor executor, GraphQLOptions settings)
    {
        _executor = executor;
        if (!string.IsNullOrWhiteSpace(settings.TrustedDocuments))
        {
            _trusted = TrustedDocumentManifest.Load(settings.TrustedDocuments);
            return;
        }

        _registry = new PersistedQueryRegistry(settings.PersistedQueryMaxEntries, settings.PersistedQueryMaxBytes);
    }

    /// <summary>True when only the manifest's documents run.</summary>
    public bool TrustedOnly => _trusted is not null;

    /// <summary>The document to execute for a request's query text and persistedQuery extension, or the answer that
    /// replaces execution.</summary>
    public PersistedQueryOutcome Prepare(string? query, PersistedQueryExtension? persisted)
    {
        if (persisted?.Error is { } error) return Problem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, error);
        var text = string.IsNullOrEmpty(query) ? null : query;
        var hash = persisted?.Sha256Hash;
        if (text is null)
        {
            if (hash is null) return Problem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "The 'query' parameter is missing.");
            return TryGetRegistered(hash, out var registered)
                ? new PersistedQueryOutcome(_executor.Prepare(registered), null)
                : new PersistedQueryOutcome(null, new PersistedQueryProblem(StatusCodes.Status200OK, ErrorCodes.PersistedQueryNotFound,
                    NotFoundMessage, "private, no-cache, must-revalidate"));
        }

        if (hash is not null && hash != Sha256Hex(text))
        {
            return Problem(StatusCodes.Status400BadRequest, ErrorCodes.PersistedQueryHashMismatch,
                "The persisted query hash is not the SHA-256 of the query text.");
        }

        if (_trusted is not null)
        {
            return _trusted.ContainsKey(hash ?? Sha256Hex(text))
                ? new PersistedQueryOutcome(_executor.Prepare(text), null)
                : new PersistedQueryOutcome(NotTrusted, null);
        }

        var document = _executor.Prepare(text);
        if (hash is not null && document.IsValid) _registry!.Register(hash, text);
        return new PersistedQueryOutcome(document, null);
    }

    private bool TryGetRegistered(string hash, out string query)
    {
        if (_trusted is not null) return _trusted.TryGetValue(hash, out query!);
        return _registry!.TryGet(hash, out query);
    }

    /// <summary>Refused before execution like a document that does not validate (same status rules, no data).</summary>
    private static readonly PreparedDocument NotTrusted = new(null,
    [
        new GraphQLError("Only trusted (persisted) operations run on this server; send a registered operation's hash.",
            extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.OperationNotTrusted }),
    ]);

    private static PersistedQueryOutcome Problem(int status, string code, string message) =>
        new(null, new PersistedQueryProblem(status, code, message, null));

    /// <summary>SHA-256 of the UTF-8 text as lower-case hex, the APQ hash.</summary>
    public static string Sha256Hex(string text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, buffer);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, written), digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>Either the document to execute, or the answer that replaces execution.</summary>
public readonly record struct PersistedQueryOutcome(PreparedDocument? Document, PersistedQueryProblem? Problem);

/// <summary>A GraphQL-shaped answer without data (status, extensions.code, message, optional Cache-Control).</summary>
public sealed record PersistedQueryProblem(int Status, string Code, string Message, string? CacheControl);
