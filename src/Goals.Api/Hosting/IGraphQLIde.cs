namespace Goals.Api.Hosting;

/// <summary>
/// A browser IDE for GET /graphql (with GraphQL:Ide on). The deployed app has none; Goals.Local registers Banana Cake Pop.
/// </summary>
public interface IGraphQLIde
{
    /// <summary>The IDE's page, for a browser's GET /graphql without a query.</summary>
    Task ServeIndexAsync(HttpContext context);

    /// <summary>Maps the routes of the page's assets and settings.</summary>
    void MapAssets(IEndpointRouteBuilder endpoints);
}
