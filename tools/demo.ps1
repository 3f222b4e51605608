# The main job: a walk through every exported cmdlet against the local sandbox org (build.ps1 demo starts it).
# Each heading is the command that runs under it; what follows is that command's real output.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OrgUrl,
    [Parameter(Mandatory)] [string] $ApiToken
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$ran = [Collections.Generic.HashSet[string]]::new()
function Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }
# Wide enough for the tables when the output is redirected (the default is 80 columns).
function Show { $input | Out-String -Width 160 | Write-Host }
# Records that a cmdlet ran; the closing line checks that every exported one did.
function Ran([string[]] $Name) { foreach ($n in $Name) { $null = $ran.Add($n) } }

Step "Connect-OktaOrg -OrgUrl $OrgUrl -ApiToken <SecureString>   (checks the token, names the org and identity; the connection becomes the session's default)"
Connect-OktaOrg -OrgUrl $OrgUrl -ApiToken (ConvertTo-SecureString $ApiToken -AsPlainText -Force)
Ran Connect-OktaOrg

Step 'Get-OktaConnection'
Get-OktaConnection | Show
Ran Get-OktaConnection

Step "Get-OktaEventType 'user.lifecycle.de*'   (the event-type catalog shipped in the module; no request)"
Get-OktaEventType 'user.lifecycle.de*' | Show
Ran Get-OktaEventType

$receiver = "$OrgUrl/receiver/ok"
$secret = ConvertTo-SecureString 'Basic ZGVtbzpub3QtYS1yZWFsLXNlY3JldA==' -AsPlainText -Force

Step "New-OktaEventHook -Name 'HR offboarding sync' ... -Header @{ 'X-Contoso-Tenant' = 'emea-01'; 'X-Api-Key' = '...' } -WhatIf"
New-OktaEventHook -Name 'HR offboarding sync' -Uri "$receiver/hr" -EventType user.lifecycle.deactivate, user.lifecycle.suspend `
    -AuthHeaderValue $secret -Header ([ordered]@{ 'X-Contoso-Tenant' = 'emea-01'; 'X-Api-Key' = 'k-123' }) -WhatIf

Step 'New-OktaEventHook: three hooks (one with an auth header and custom headers, one with a filter)'
$hr = New-OktaEventHook -Name 'HR offboarding sync' -Uri "$receiver/hr" -EventType user.lifecycle.deactivate, user.lifecycle.suspend `
    -AuthHeaderValue $secret -Header ([ordered]@{ 'X-Contoso-Tenant' = 'emea-01'; 'X-Api-Key' = 'k-123' }) -Description 'Tells HR when an account is closed' -WarningVariable warned -WarningAction SilentlyContinue
$groups = New-OktaEventHook -Name 'Finance group joins' -Uri "$receiver/groups" -EventType group.user_membership.add, group.user_membership.remove `
    -Filter @{ 'group.user_membership.add' = "event.target.?[displayName eq 'Finance'].size() > 0" }
$audit = New-OktaEventHook -Name 'Sign-in audit' -Uri "$OrgUrl/receiver/switch/audit" -EventType user.session.start
"Created $($hr.Name), $($groups.Name), $($audit.Name): each ACTIVE and UNVERIFIED until verified." | Out-Host
"WARNING: $($warned[0])" | Out-Host
Ran New-OktaEventHook

Step 'Get-OktaEventHook   (the default table)'
Get-OktaEventHook | Show
Ran Get-OktaEventHook

Step "Get-OktaEventHook HR* | Format-List   (a name where an id goes; a credential-like header's value shows as ***)"
Get-OktaEventHook HR* | Format-List | Show

Step 'Get-OktaEventHook | Test-OktaEventHook   (Okta verifies each endpoint: the sandbox receiver answers the challenge)'
Get-OktaEventHook | Test-OktaEventHook | Show
Ran Test-OktaEventHook

Step 'An event is delivered: the sandbox org raises user.lifecycle.deactivate; Okta POSTs it to every ACTIVE, VERIFIED hook subscribed to it'
$null = Invoke-RestMethod -Method Delete -Uri "$OrgUrl/sandbox/receiver/requests"
$event = @{ eventType = 'user.lifecycle.deactivate'; target = @(@{ type = 'User'; alternateId = 'jdoe@contoso.example'; displayName = 'John Doe' }) } | ConvertTo-Json -Depth 5
$raised = Invoke-RestMethod -Method Post -Uri "$OrgUrl/sandbox/events" -Body $event -ContentType 'application/json'
$raised.deliveries | Select-Object hookName, uri, status, attempts, delivered | Format-Table | Show
$received = Invoke-RestMethod -Uri "$OrgUrl/sandbox/receiver/requests"
foreach ($delivery in @($received | Where-Object method -eq 'POST')) {
    $envelope = $delivery.body | ConvertFrom-Json
    "Receiver got POST $($delivery.path): $($envelope.eventType) carrying $($envelope.data.events[0].eventType) for $($envelope.data.events[0].target[0].alternateId); auth header present: $([bool]$delivery.headers.Authorization); X-Contoso-Tenant: $($delivery.headers.'X-Contoso-Tenant')" | Out-Host
}

Step "Get-OktaEventHookLog -Name 'HR*' -Newest -First 4   (what the System Log says about the hook: its verification, its changes)"
Get-OktaEventHookLog -Name 'HR*' -Newest -First 4 | Show
Ran Get-OktaEventHookLog

Step "Get-OktaEventHookHealth   (the Sign-in audit receiver was down (503) while two users signed in: Okta retried once, then dropped the events)"
$outageStart = Get-Date
$null = Invoke-RestMethod -Method Put -Uri "$OrgUrl/sandbox/receiver/switch/audit" -Body '{"answers":[503]}' -ContentType 'application/json'
foreach ($user in 'ana@contoso.example', 'ben@contoso.example') {
    $signIn = @{ eventType = 'user.session.start'; actor = @{ alternateId = $user; displayName = $user } } | ConvertTo-Json -Depth 5
    $null = Invoke-RestMethod -Method Post -Uri "$OrgUrl/sandbox/events" -Body $signIn -ContentType 'application/json'
}
$null = Invoke-RestMethod -Method Put -Uri "$OrgUrl/sandbox/receiver/switch/audit" -Body '{"answers":[200]}' -ContentType 'application/json'
$outageEnd = Get-Date
Get-OktaEventHookHealth | Show
Ran Get-OktaEventHookHealth

Step "Send-OktaEventHookEvent 'Sign-in audit' -Since <outage start> -Until <outage end> -WhatIf, then -Confirm:`$false   (the receiver is back: resend what it missed)"
Send-OktaEventHookEvent 'Sign-in audit' -Since $outageStart -Until $outageEnd -WhatIf
$null = Invoke-RestMethod -Method Delete -Uri "$OrgUrl/sandbox/receiver/requests"
Send-OktaEventHookEvent 'Sign-in audit' -Since $outageStart -Until $outageEnd -Confirm:$false | Show
$received = Invoke-RestMethod -Uri "$OrgUrl/sandbox/receiver/requests"
foreach ($resend in @($received | Where-Object method -eq 'POST')) {
    $envelope = $resend.body | ConvertFrom-Json
    "Receiver got POST $($resend.path) marked X-OktaEventHooks-Resend: $($resend.headers.'X-OktaEventHooks-Resend'), carrying $(@($envelope.data.events).Count) events: $(@($envelope.data.events | ForEach-Object { $_.actor.alternateId }) -join ', ')" | Out-Host
}
Ran Send-OktaEventHookEvent

Step "Test-OktaEventHookEndpoint -Uri $OrgUrl/receiver/wrong/preflight   (checks a receiver as Okta would, before Okta does)"
Test-OktaEventHookEndpoint -Uri "$OrgUrl/receiver/wrong/preflight" | Show
Ran Test-OktaEventHookEndpoint

Step "Disable-OktaEventHook 'Sign-in audit' -PassThru"
Disable-OktaEventHook 'Sign-in audit' -PassThru | Show
Ran Disable-OktaEventHook

Step "Enable-OktaEventHook 'Sign-in audit' -PassThru"
Enable-OktaEventHook 'Sign-in audit' -PassThru | Show
Ran Enable-OktaEventHook

Step "Set-OktaEventHook 'HR offboarding sync' -AddEventType user.lifecycle.delete.initiated   (refused: Okta never returns the secret, so a write-back would lose it)"
Set-OktaEventHook -Id 'HR offboarding sync' -AddEventType user.lifecycle.delete.initiated -ErrorAction SilentlyContinue -ErrorVariable refused
"Refused: $($refused[0].FullyQualifiedErrorId)" | Out-Host
"  $($refused[0].Exception.Message)" | Out-Host

Step "Set-OktaEventHook 'HR offboarding sync' -AddEventType user.lifecycle.delete.initiated -AuthHeaderValue <SecureString> -WhatIf"
Set-OktaEventHook -Id 'HR offboarding sync' -AddEventType user.lifecycle.delete.initiated -AuthHeaderValue $secret -WhatIf

Step "Set-OktaEventHook 'HR offboarding sync' -AddEventType user.lifecycle.delete.initiated -AuthHeaderValue <SecureString> -PassThru"
Set-OktaEventHook -Id 'HR offboarding sync' -AddEventType user.lifecycle.delete.initiated -AuthHeaderValue $secret -PassThru |
    Select-Object Name, Status, VerificationStatus, EventTypes, AuthHeaderName, Headers | Format-List | Show
Ran Set-OktaEventHook

$file = Join-Path ([IO.Path]::GetTempPath()) "okta-event-hooks-demo-$PID.json"
Step "Export-OktaEventHook -Path $file   (the org as a desired-state file; secrets never written)"
Export-OktaEventHook -Path $file
(Get-Content -LiteralPath $file | Select-Object -First 24) -join [Environment]::NewLine | Out-Host
'  ...' | Out-Host
Ran Export-OktaEventHook

Step "Import-OktaEventHook -Path $file -AuthHeaderValue @{ 'HR offboarding sync' = <SecureString> }   (after a change by hand and a new hook)"
Set-OktaEventHook -Id 'Finance group joins' -Description 'changed by hand' -Confirm:$false
$null = New-OktaEventHook -Name 'Ad-hoc test' -Uri "$receiver/adhoc" -EventType user.lifecycle.create
Import-OktaEventHook -Path $file -AuthHeaderValue @{ 'HR offboarding sync' = $secret } -Prune | Show
Remove-Item -LiteralPath $file
Ran Import-OktaEventHook

Step "Remove-OktaEventHook 'Finance group joins'   (refused: the hook is ACTIVE)"
Remove-OktaEventHook -Id 'Finance group joins' -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable refused
"Refused: $($refused[0].FullyQualifiedErrorId)" | Out-Host
"  Recommended action: $($refused[0].ErrorDetails.RecommendedAction)" | Out-Host

Step 'Get-OktaEventHook | Remove-OktaEventHook -Force -Confirm:$false   (deactivates, then deletes)'
Get-OktaEventHook | Remove-OktaEventHook -Force -Confirm:$false
"Hooks left: $(@(Get-OktaEventHook).Count)" | Out-Host
Ran Remove-OktaEventHook

Step 'Get-OktaEventHook -Id whoDoesNotExist00000   (errors carry Okta''s code, a category and the hook id)'
Get-OktaEventHook -Id whoDoesNotExist00000 -ErrorAction SilentlyContinue -ErrorVariable missing
"$($missing[0].FullyQualifiedErrorId) | $($missing[0].CategoryInfo.Category) | target $($missing[0].TargetObject)" | Out-Host

Step 'Disconnect-OktaOrg'
Disconnect-OktaOrg
Ran Disconnect-OktaOrg

$notRun = @((Get-Module OktaEventHooks).ExportedCommands.Keys | Where-Object { -not $ran.Contains($_) } | Sort-Object)
if ($notRun) { throw "The demo did not run: $($notRun -join ', ')" }
Write-Host "`nDemo complete: ran all $($ran.Count) exported cmdlets." -ForegroundColor Green
