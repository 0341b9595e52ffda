// Minimal verb dispatch so the data layer's `migrate` verb can be exercised; the API owner merges this.
if (args is [Goals.Data.Migrations.MigrateVerb.Name, ..])
{
    return await Goals.Data.Migrations.MigrateVerb.RunAsync(args[1..]);
}

return 0;
