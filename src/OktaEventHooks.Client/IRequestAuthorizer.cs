using System.Threading;
using System.Threading.Tasks;

namespace OktaEventHooks.Client
{
    /// <summary>Supplies the Authorization header of each API request.</summary>
    public interface IRequestAuthorizer
    {
        /// <summary>The auth mode shown to users (SSWS, Bearer, ...).</summary>
        string Mode { get; }

        /// <summary>The full Authorization header value. Callers must never log or display it.</summary>
        Task<string> GetAuthorizationAsync(CancellationToken cancellationToken);
    }
}
