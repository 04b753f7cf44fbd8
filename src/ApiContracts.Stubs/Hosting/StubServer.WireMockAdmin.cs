using System.Text.Json.Nodes;
using ApiContracts.Stubs.Engine;
using ApiContracts.Stubs.Packs;
using Microsoft.AspNetCore.Http;
using WireMock.Admin.Mappings;
using WireMock.Admin.Scenarios;

namespace ApiContracts.Stubs.Hosting;

// /__admin: WireMock.Net's admin API behind the guard. Every body is read within the limit and checked in the
// form WireMock will read it; every answer is held back until its status is known, and a 5xx (an exception's
// text from inside WireMock.Net) is replaced by the stub's own plain error.
public sealed partial class StubServer
{
    // Admin answers are held in memory while they are checked; a few at a time bound that memory.
    private readonly SemaphoreSlim _adminAnswers = new(4, 4);
    private readonly MappingBudget _budget = new();

    private async Task WireMockAdmin(HttpContext context, Func<Task> next, RequestView view)
    {
        var request = context.Request;
        var path = view.Path;
        var (route, why) = AdminGuard.Classify(request.Method, path, view.QueryKeys);
        switch (route)
        {
            case AdminRoute.Off:
                await WriteAnswer(context, StubEngine.StubError(HttpMethods.IsGet(request.Method) && why!.Contains("not one of", StringComparison.Ordinal) ? 404 : 403, "STUB.AdminRouteOff", $"{request.Method} {path} is turned off in this stub: {why}"));
                return;
            case AdminRoute.BadQuery:
                await WriteAnswer(context, StubEngine.StubError(400, "STUB.BadRequest", why!));
                return;
            case AdminRoute.Reset:
                await ResetWireMock(context.RequestAborted);
                await WriteAnswer(context, new StubResponse(200, "{\"Status\":\"Mappings reset to the pack's, request logs cleared\"}"u8.ToArray(), null));
                return;
        }

        // Every body under /__admin is read here, within the limit, whatever the route.
        var body = await AdminBody.Read(context, AdminGuard.MaxBodyBytes);
        var json = route is AdminRoute.Mappings or AdminRoute.Settings or AdminRoute.RequestSearch or AdminRoute.ScenarioState || (route == AdminRoute.MappingsDelete && body.Length > 0)
            ? AdminGuard.ParseBody(body)
            : null;
        var logCount = Journal.Capacity;
        CheckedMappings? posted = null;
        switch (route)
        {
            case AdminRoute.Mappings:
                Guid? guid = path.TrimEnd('/') == "/__admin/mappings" ? null : Guid.Parse(path.TrimEnd('/')[^36..]);
                posted = AdminGuard.RewriteMappings(json!, _mappingRules, list: guid is null, guid);
                body = posted.Body;
                break;
            case AdminRoute.Settings:
                body = AdminGuard.Bytes(AdminGuard.RewriteSettings(json!, Journal.Capacity, out logCount));
                break;
            case AdminRoute.RequestSearch:
                body = AdminGuard.RewriteRequestSearch(json!);
                break;
            case AdminRoute.ScenarioState:
                body = AdminGuard.CheckModel<ScenarioStateUpdateModel>(json!, "scenario state");
                break;
            case AdminRoute.MappingsDelete when json is JsonArray:
                body = AdminGuard.CheckModel<MappingModel[]>(json, "mappings to delete");
                break;
            case AdminRoute.MappingsDelete when json is not null:
                body = AdminGuard.CheckModel<MappingModel>(json, "mapping to delete");
                break;
        }

        request.Body = new MemoryStream(body);
        request.ContentLength = body.Length;
        if (json is not null) request.ContentType = "application/json";

        if (route is AdminRoute.Mappings or AdminRoute.MappingsDelete)
        {
            await _budget.Changes.WaitAsync(context.RequestAborted);
            try
            {
                if (posted is not null && _budget.Admit(posted.Mappings, _wireMock.Mappings.Select(m => m.Guid).ToHashSet()) is { } full)
                {
                    throw new AdminBodyException(StatusCodes.Status413PayloadTooLarge, full);
                }

                await PassToWireMock(context, next, hadBody: body.Length > 0);
                if (posted is not null && context.Response.StatusCode < 300) _budget.Add(posted.Mappings);
            }
            finally
            {
                _budget.Changes.Release();
                RefreshRouting();
            }

            return;
        }

        switch (route)
        {
            case AdminRoute.Requests when (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && AdminRequestLog.Lists(path):
                await AdminRequestLog.ListWithDatasetRequests(context, next, Journal, Url, CatchAllGuid, CatchAllTitle);
                return;
            case AdminRoute.Requests or AdminRoute.RequestSearch when HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsPost(request.Method):
                await AdminRequestLog.Redacted(context, next);
                return;
        }

        await PassToWireMock(context, next, hadBody: body.Length > 0);
        if (route == AdminRoute.Settings && context.Response.StatusCode < 300) Journal.Capacity = logCount;
        if (HttpMethods.IsGet(request.Method)) return;
        RefreshRouting();
        if (AdminRequestLog.Clears(request.Method, path) && context.Response.StatusCode < 300) Journal.Clear();
    }

    // WireMock answers into a buffer; a 5xx is replaced, anything else passed on as WireMock wrote it.
    private async Task PassToWireMock(HttpContext context, Func<Task> next, bool hadBody)
    {
        await _adminAnswers.WaitAsync(context.RequestAborted);
        try
        {
            var answered = await ResponseCapture.Run(context, next);
            if (await AdminRequestLog.ReplacedFailure(context, hadBody)) return;
            context.Response.ContentLength = answered.Length;
            if (answered.Length > 0) await context.Response.Body.WriteAsync(answered, context.RequestAborted);
        }
        finally
        {
            _adminAnswers.Release();
        }
    }

    // POST /__admin/reset, as WireMock (Java) has it: the mappings the server started with, empty logs.
    private async Task ResetWireMock(CancellationToken cancel)
    {
        await _budget.Changes.WaitAsync(cancel);
        try
        {
            lock (_wireMock)
            {
                _wireMock.ResetMappings();
                _wireMock.ResetScenarios();
                _wireMock.ResetLogEntries();
                if (Options.Pack is not null) PackLoader.Load(_wireMock, Options.Pack);
            }

            _budget.Clear();
        }
        finally
        {
            _budget.Changes.Release();
        }

        Journal.Clear();
        RefreshRouting();
    }

    // POST /__stub/reset puts WireMock's settings back too (GlobalProcessingDelay and the rest), through
    // WireMock.Net's own settings update: the request is turned into a PUT /__admin/settings of the start-up
    // settings for WireMock, then given back its own method, path and body for the stub's reset.
    private async Task RestoreWireMockSettings(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        var (method, path, query, body, type, length) = (request.Method, request.Path, request.QueryString, request.Body, request.ContentType, request.ContentLength);
        var settings = AdminGuard.Bytes(AdminGuard.InitialSettings(Options.JournalSize));
        request.Method = HttpMethods.Put;
        request.Path = "/__admin/settings";
        request.QueryString = QueryString.Empty;
        request.Body = new MemoryStream(settings);
        request.ContentType = "application/json";
        request.ContentLength = settings.Length;
        try
        {
            await ResponseCapture.Run(context, next);
        }
        finally
        {
            (request.Method, request.Path, request.QueryString, request.Body, request.ContentType, request.ContentLength) = (method, path, query, body, type, length);
            context.Response.Clear();
            context.Response.Headers.CacheControl = "no-store";
        }

        Journal.Capacity = Options.JournalSize;
    }
}
