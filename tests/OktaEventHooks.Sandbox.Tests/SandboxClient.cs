using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>A response as the tests inspect it: status, all headers, raw body and parsed JSON.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, HttpResponseHeaders Headers, string? ContentType, string Body)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public JsonObject Object => Assert.IsType<JsonObject>(Json);

    public string Header(string name) =>
        Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"Response has no {name} header.");

    /// <summary>Asserts an Okta error body and returns its errorCauses summaries.</summary>
    public IReadOnlyList<string> AssertOktaError(HttpStatusCode status, string code, string? summary = null)
    {
        Assert.Equal(status, Status);
        Assert.Equal("application/json", ContentType);
        var error = Object;
        Assert.Equal(code, (string?)error["errorCode"]);
        Assert.Equal(code, (string?)error["errorLink"]);
        // Okta's shape: oae + 22 url-safe characters (recorded: oae86Af-IhXRnmuuywiEob-6Q).
        Assert.Matches("^oae[A-Za-z0-9_-]{22}$", (string)error["errorId"]!);
        if (summary is not null)
        {
            Assert.Equal(summary, (string?)error["errorSummary"]);
        }

        Assert.Equal(["errorCode", "errorSummary", "errorLink", "errorId", "errorCauses"], error.Select(p => p.Key));
        return error["errorCauses"]!.AsArray().Select(c =>
        {
            Assert.Equal(["errorSummary"], c!.AsObject().Select(p => p.Key));
            return (string)c["errorSummary"]!;
        }).ToList();
    }
}

/// <summary>A sandbox started for one test plus an HttpClient that talks to it over real HTTP.</summary>
internal sealed class SandboxClient : IAsyncDisposable
{
    public const string HooksPath = "/api/v1/eventHooks";

    private SandboxClient(SandboxHost host)
    {
        Host = host;
        Http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(20) };
    }

    public SandboxHost Host { get; }

    public HttpClient Http { get; }

    public string ReceiverUri(string behaviour) => $"{Host.BaseAddress}/receiver/{behaviour}";

    public static async Task<SandboxClient> StartAsync(SandboxOptions? options = null) =>
        new(await SandboxHost.StartAsync(options ?? new SandboxOptions()));

    /// <summary>
    /// Sends an API request with <c>SSWS &lt;token&gt;</c> (the host's token unless <paramref name="authorization"/> overrides it),
    /// through <see cref="Http"/> unless <paramref name="via"/> names another client (e.g. one with a short timeout).
    /// </summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, JsonNode? body = null, string? rawBody = null, string? authorization = null, bool withAuth = true, HttpClient? via = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (withAuth)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization ?? $"SSWS {Host.ApiToken}");
        }

        request.Headers.UserAgent.ParseAdd("OktaEventHooksSandboxTests/1.0");
        var text = rawBody ?? body?.ToJsonString();
        if (text is not null)
        {
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        using var response = await (via ?? Http).SendAsync(request);
        var responseBody = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.ToString(), responseBody);
    }

    public Task<ApiResponse> ListAsync() => SendAsync(HttpMethod.Get, HooksPath);

    public Task<ApiResponse> CreateAsync(JsonObject body, HttpClient? via = null) => SendAsync(HttpMethod.Post, HooksPath, body, via: via);

    public Task<ApiResponse> GetAsync(string id) => SendAsync(HttpMethod.Get, $"{HooksPath}/{id}");

    public Task<ApiResponse> ReplaceAsync(string id, JsonObject body) => SendAsync(HttpMethod.Put, $"{HooksPath}/{id}", body);

    public Task<ApiResponse> LifecycleAsync(string id, string action) => SendAsync(HttpMethod.Post, $"{HooksPath}/{id}/lifecycle/{action}");

    /// <summary>Creates a hook and returns the response body, failing the test if Okta would have refused it.</summary>
    public async Task<JsonObject> CreateHookAsync(JsonObject? body = null)
    {
        var response = await CreateAsync(body ?? HookBodies.Valid());
        Assert.True(response.Status == HttpStatusCode.OK, $"Create failed: {(int)response.Status} {response.Body}");
        return response.Object;
    }

    public async Task<JsonArray> AdminGetArrayAsync(string path)
    {
        var text = await Http.GetStringAsync(path);
        return Assert.IsType<JsonArray>(JsonNode.Parse(text));
    }

    public Task<JsonArray> RequestLogAsync() => AdminGetArrayAsync("/sandbox/requests");

    public Task<JsonArray> ReceiverRequestsAsync() => AdminGetArrayAsync("/sandbox/receiver/requests");

    /// <summary>Calls a /sandbox endpoint with an optional raw JSON body (no token: admin needs none).</summary>
    public async Task<ApiResponse> AdminSendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        return new ApiResponse(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonObject> RateLimitAsync() =>
        Assert.IsType<JsonObject>(JsonNode.Parse(await Http.GetStringAsync("/sandbox/rate-limit")));

    public async Task<JsonObject> PutRateLimitAsync(JsonObject settings)
    {
        var response = await AdminSendAsync(HttpMethod.Put, "/sandbox/rate-limit", settings.ToJsonString());
        Assert.True(response.Status == HttpStatusCode.OK, $"PUT /sandbox/rate-limit failed: {(int)response.Status} {response.Body}");
        return response.Object;
    }

    /// <summary>Adds a fault rule, failing the test if the sandbox refused it; returns the rule as listed.</summary>
    public async Task<JsonObject> AddFaultAsync(JsonObject rule)
    {
        var response = await AdminSendAsync(HttpMethod.Post, "/sandbox/faults", rule.ToJsonString());
        Assert.True(response.Status == HttpStatusCode.Created, $"POST /sandbox/faults failed: {(int)response.Status} {response.Body}");
        return response.Object;
    }

    public Task<JsonArray> FaultsAsync() => AdminGetArrayAsync("/sandbox/faults");

    /// <summary>Waits (briefly) until the request log holds <paramref name="count"/> entries: entries land when the answer is known.</summary>
    public async Task<JsonArray> RequestLogAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            var log = await RequestLogAsync();
            if (log.Count >= count || DateTime.UtcNow > deadline)
            {
                return log;
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>Request bodies: a valid one to start from, which tests then break in exactly one place.</summary>
internal static class HookBodies
{
    public const string Secret = "Basic c3ZjLWhvb2s6c2FuZGJveC1zZWNyZXQ=";

    public static JsonObject Valid(string uri = "https://hooks.contoso.example/okta/offboarding") => new()
    {
        ["name"] = "HR offboarding sync",
        ["description"] = "Tells HR when a user leaves",
        ["events"] = new JsonObject
        {
            ["type"] = "EVENT_TYPE",
            ["items"] = new JsonArray("user.lifecycle.deactivate", "user.lifecycle.suspend"),
        },
        ["channel"] = new JsonObject
        {
            ["type"] = "HTTP",
            ["version"] = "1.0.0",
            ["config"] = new JsonObject
            {
                ["uri"] = uri,
                ["headers"] = new JsonArray(new JsonObject { ["key"] = "X-Contoso-Tenant", ["value"] = "emea-01" }),
                ["authScheme"] = new JsonObject { ["type"] = "HEADER", ["key"] = "Authorization", ["value"] = Secret },
            },
        },
    };

    /// <summary>Only the required fields: no description, filter, headers or authScheme.</summary>
    public static JsonObject Minimal(string uri = "https://hooks.contoso.example/okta/minimal") => new()
    {
        ["name"] = "Minimal hook",
        ["events"] = new JsonObject { ["type"] = "EVENT_TYPE", ["items"] = new JsonArray("user.lifecycle.create") },
        ["channel"] = new JsonObject
        {
            ["type"] = "HTTP",
            ["version"] = "1.0.0",
            ["config"] = new JsonObject { ["uri"] = uri },
        },
    };

    public static JsonObject WithFilter(JsonObject body)
    {
        body["events"]!["filter"] = new JsonObject
        {
            ["type"] = "EXPRESSION_LANGUAGE",
            ["eventFilterMap"] = new JsonArray(new JsonObject
            {
                ["event"] = "user.lifecycle.deactivate",
                ["condition"] = new JsonObject { ["expression"] = "event.target.?[type eq 'User'].size() > 0 && true" },
            }),
        };
        return body;
    }

    public static JsonObject Config(JsonObject body) => body["channel"]!["config"]!.AsObject();
}
