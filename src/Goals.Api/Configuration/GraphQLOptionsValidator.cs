using Microsoft.Extensions.Options;

namespace Goals.Api.Configuration;

/// <summary>The [Range] checks of <see cref="GraphQLOptions"/>, generated at compile time (no reflection).</summary>
[OptionsValidator]
public sealed partial class GraphQLOptionsValidator : IValidateOptions<GraphQLOptions>;
