using System;

namespace OktaEventHooks;

/// <summary>How one hook of the org differs from a desired-state file, as Import-OktaEventHook -DetectOnly reports it.</summary>
public sealed class EventHookDrift
{
    /// <summary>The hook's name, the key that matches the file to the org.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The id in the org; null for a hook that would be created.</summary>
    public string? Id { get; set; }

    /// <summary>Create, Update, Remove or None.</summary>
    public string Action { get; set; } = "None";

    /// <summary>One entry per differing field, e.g. "Uri: https://a -> https://b".</summary>
    public string[] Changes { get; set; } = Array.Empty<string>();

    public override string ToString() => Name + ": " + Action;
}
