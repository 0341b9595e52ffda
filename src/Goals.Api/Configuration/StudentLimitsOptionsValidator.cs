using Microsoft.Extensions.Options;

namespace Goals.Api.Configuration;

/// <summary>The [Range] checks of <see cref="StudentLimitsOptions"/>, generated at compile time (no reflection).</summary>
[OptionsValidator]
public sealed partial class StudentLimitsOptionsValidator : IValidateOptions<StudentLimitsOptions>;
