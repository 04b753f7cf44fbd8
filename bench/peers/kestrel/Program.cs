// A bare Kestrel endpoint: GET <path> answers the bytes of <file> as JSON, nothing else.
// Usage: Kestrel.Peer <url> <path> <file>
var (url, path, file) = (args[0], args[1], args[2]);
var body = File.ReadAllBytes(file);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(url);
var app = builder.Build();
app.MapGet(path, (HttpContext context) =>
{
    context.Response.ContentType = "application/json;charset=utf-8";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});
app.Run();
