namespace OktaEventHooks.Sandbox.Infrastructure;

/// <summary>Per-instance facts the pipeline and endpoints need: the token and the public base address.</summary>
internal sealed class SandboxState(string apiToken)
{
    public string ApiToken { get; } = apiToken;

    /// <summary>
    /// <c>http://127.0.0.1:port</c>, no trailing slash. Known only once Kestrel has bound the port,
    /// so the host sets it right after start (before anyone can know where to send a request).
    /// </summary>
    public string BaseAddress { get; set; } = "http://127.0.0.1";
}
