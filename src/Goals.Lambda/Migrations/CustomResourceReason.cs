using System.Text.Json;

namespace Goals.Lambda.Migrations;

/// <summary>
/// CloudFormation rejects a custom resource response over 4,096 bytes (and the stack then waits for the resource's
/// ServiceTimeout). A long exception message is cut so the whole serialized document fits, with room to spare.
/// </summary>
internal static class CustomResourceReason
{
    public const int MaxResponseBytes = 4096;
    public const string TruncationMarker = " …(truncated; see the log)";
    private const int Budget = MaxResponseBytes - 96;

    public static byte[] SerializeWithinLimit(CustomResourceResponse response)
    {
        var keep = response.Reason.Length;
        while (true)
        {
            var reason = keep == response.Reason.Length ? response.Reason : string.Concat(response.Reason.AsSpan(0, keep), TruncationMarker);
            var body = JsonSerializer.SerializeToUtf8Bytes(response with { Reason = reason }, MigrationJsonContext.Default.CustomResourceResponse);
            var overflow = body.Length - Budget;
            if (overflow <= 0 || keep == 0)
            {
                return body;
            }

            // A char is 1 to 6 bytes once escaped ("\uXXXX"): cutting overflow / 6 chars never cuts too much; measure again.
            keep = Math.Max(0, keep - Math.Max(overflow / 6, TruncationMarker.Length));
            if (keep > 0 && char.IsHighSurrogate(response.Reason[keep - 1]))
            {
                keep--;
            }
        }
    }
}
