# -WhatIf says what would change, names the hook, and sends no write; output says what was done.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
}
AfterAll { Stop-TestSandbox }

Describe '-WhatIf and output, consistently' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
    }
    BeforeEach { Clear-SandboxRequestLog }

    It 'New -WhatIf lists what would be created: Name, Uri, EventTypes, Headers and Filter, without the secret and without a write' {
        $text = Get-HostText {
            New-OktaEventHook -Name 'Preview' -Uri 'https://hooks.example.com/preview' -EventType user.lifecycle.create, user.session.start `
                -Header @{ 'X-Source' = 'okta' } -Filter @{ 'user.session.start' = 'true' } -AuthHeaderValue (Secret 'Basic preview-secret') -WhatIf
        }
        $text | Should -Match "Name: 'Preview'"
        $text | Should -Match ([regex]::Escape('Uri: https://hooks.example.com/preview'))
        $text | Should -Match ([regex]::Escape('EventTypes: +user.lifecycle.create +user.session.start'))
        $text | Should -Match 'Headers: X-Source'
        $text | Should -Match 'Filter: user\.session\.start'
        $text | Should -Not -Match 'preview-secret'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        $text | Should -Match 'AuthHeader: .*Authorization'
    }

    It 'New -WhatIf says the auth header would be added, as Set does: "AuthHeader: Authorization added (value ***)"' {
        $text = Get-HostText {
            New-OktaEventHook -Name 'Preview secret' -Uri 'https://hooks.example.com/preview' -EventType user.lifecycle.create `
                -AuthHeaderValue (Secret 'Basic preview-secret') -WhatIf
        }
        $text | Should -Not -Match 'preview-secret'
        $text | Should -Match ([regex]::Escape('AuthHeader: Authorization added (value ***)'))
    }

    It 'Disable -Id <id> -WhatIf names the hook as "name (id)", even one this session has not seen' {
        # Created behind the module's back, so only a read under -WhatIf can name it.
        $body = @{ name = 'Unseen hook'; events = @{ type = 'EVENT_TYPE'; items = @('user.lifecycle.create') }
            channel = @{ type = 'HTTP'; version = '1.0.0'; config = @{ uri = (Get-ReceiverUri ok unseen); headers = @() } } } | ConvertTo-Json -Depth 5
        $unseen = Invoke-RestMethod -Method Post -Uri "$(Get-SandboxUrl)/api/v1/eventHooks" -Body $body -ContentType 'application/json' `
            -Headers @{ Authorization = "SSWS $env:OKTAEH_SANDBOX_TOKEN" }
        Clear-SandboxRequestLog
        $text = Get-HostText { Disable-OktaEventHook -Id $unseen.id -WhatIf }
        $text | Should -Match ([regex]::Escape("Unseen hook ($($unseen.id))"))
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }

    It 'Import outputs what it created, updated, removed and left alone, with a Result each' {
        $keep = New-TestHook -Name 'keep'
        $change = New-TestHook -Name 'change'
        $path = Join-Path $TestDrive 'desired.json'
        Export-OktaEventHook -Path $path
        Set-OktaEventHook 'change' -Description 'changed by hand' -Confirm:$false
        $null = New-TestHook -Name 'extra'
        Remove-OktaEventHook 'keep' -Force -Confirm:$false
        $drift = Import-OktaEventHook -Path $path -Prune -Confirm:$false
        $drift | ForEach-Object { $_ | Should -BeOfType ([OktaEventHooks.EventHookDrift]) }
        $byName = @{}; foreach ($d in $drift) { $byName[$d.Name] = "$($d.Action) $($d.Result)" }
        $byName['keep'] | Should -Be 'Create Done'
        $byName['change'] | Should -Be 'Update Done'
        $byName['extra'] | Should -Be 'Remove Done'
        $byName['Unseen hook'] | Should -Be 'None Unchanged'
        (Import-OktaEventHook -Path $path -Prune -Confirm:$false).Result | Sort-Object -Unique | Should -Be @('Unchanged')
    }

    It 'New -Verify that fails says the hook was created and is UNVERIFIED, so nobody creates it again' {
        $null = New-OktaEventHook -Name 'Bad receiver' -Uri (Get-ReceiverUri wrong bad) -EventType user.lifecycle.create -Verify -ErrorVariable failed -ErrorAction SilentlyContinue
        $said = "$($failed[0].Exception.Message) $($failed[0].ErrorDetails.RecommendedAction)"
        $said | Should -Match 'created'
        $said | Should -Match 'UNVERIFIED'
        @(Get-OktaEventHook -Name 'Bad receiver').Count | Should -Be 1
    }

    It 'New -Force warns when the org already has a hook of that name' {
        $first = New-TestHook -Name 'Twice'
        $null = New-OktaEventHook -Name 'Twice' -Uri (Get-ReceiverUri ok twice) -EventType user.lifecycle.create -Force -WarningVariable twice -WarningAction SilentlyContinue
        $twice.Message | Should -Match "already has 1 hook\(s\) named 'Twice' \($($first.Id)\)"
    }
}
