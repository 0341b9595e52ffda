// Baseline for bench/coldstart: process start -> first HTTP 200 of the smallest ASP.NET Core app.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "Hello World!");
app.Run();
