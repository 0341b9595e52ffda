using Microsoft.Net.Http.Headers;

namespace Goals.Api.Http;

/// <summary>
/// Cache-Control of GraphQL answers to GET (persisted-query hits are what a CDN in front of the API sees). With an
/// Authorization header the answer is one student's data: <c>private, no-store</c>, so neither a shared cache nor the
/// browser keeps it (the client's own GraphQL cache does). Without one, no data field resolves (they answer
/// UNAUTHENTICATED without touching the database), so the answer depends only on the URL, the Accept header and the
/// deployed schema: <c>public, max-age=60</c>. <c>Vary: Accept, Authorization</c> keeps a cache from serving a tokenless
/// answer to a request that carries a token.
/// </summary>
public static class GetResponseCaching
{
    public const string Authenticated = "private, no-store";
    public const string Anonymous = "public, max-age=60";

    public static void Apply(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.Append(HeaderNames.Vary, "Accept, Authorization");
        headers.CacheControl = http.Request.Headers.ContainsKey(HeaderNames.Authorization) ? Authenticated : Anonymous;
    }
}
