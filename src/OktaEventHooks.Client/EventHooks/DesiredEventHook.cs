using System;

namespace OktaEventHooks.Client.EventHooks;

/// <summary>One hook as a desired-state document wants it: its writable part and whether it is ACTIVE.</summary>
public sealed class DesiredEventHook
{
    public DesiredEventHook(EventHookDefinition definition, string status)
    {
        Definition = definition ?? throw new ArgumentNullException(nameof(definition));
        Status = status;
    }

    public EventHookDefinition Definition { get; }

    /// <summary>ACTIVE or INACTIVE.</summary>
    public string Status { get; }

    public string Name => Definition.Name;

    /// <summary>The lifecycle change <paramref name="current"/> needs, e.g. "Status: ACTIVE -> INACTIVE"; null when none.</summary>
    public string? StatusChange(EventHook current)
    {
        if (current == null)
        {
            throw new ArgumentNullException(nameof(current));
        }

        return string.Equals(current.Status, Status, StringComparison.Ordinal) ? null : $"Status: {current.Status} -> {Status}";
    }

    public override string ToString() => Name;
}
