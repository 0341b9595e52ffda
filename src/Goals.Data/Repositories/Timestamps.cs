namespace Goals.Data.Repositories;

internal static class Timestamps
{
    /// <summary>Npgsql writes only UTC DateTimes to TIMESTAMPTZ; an unspecified kind is taken as UTC.</summary>
    public static DateTime? ToUtc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { Kind: DateTimeKind.Unspecified } unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
        { } utc => utc,
    };
}
