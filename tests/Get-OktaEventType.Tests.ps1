BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    # The catalog as Okta publishes it (one type a line: name, flags, description), counted independently of the module.
    $catalog = @(Get-Content (Join-Path $PSScriptRoot '../src/OktaEventHooks/Catalog/event-types.txt') | Where-Object { $_.Trim() -and -not $_.StartsWith('#') })
    $script:betaCount = @($catalog | Where-Object { ($_ -split "`t")[1] -match '\bbeta\b' }).Count
    $script:gaCount = $catalog.Count - $betaCount
}
AfterAll { Stop-TestSandbox }

Describe 'Get-OktaEventType' {
    It 'lists the generally available catalog without -IncludeBeta' {
        $types = Get-OktaEventType
        $types.Count | Should -Be $gaCount
        $types | Where-Object Beta | Should -BeNullOrEmpty
        $types[0] | Should -BeOfType ([OktaEventHooks.OktaEventType])
    }

    It 'adds the beta types with -IncludeBeta' {
        $types = Get-OktaEventType -IncludeBeta
        $types.Count | Should -Be ($gaCount + $betaCount)
        @($types | Where-Object Beta).Count | Should -Be $betaCount
    }

    It 'filters by wildcard, ignoring case, and names the first segment as Category' {
        $types = Get-OktaEventType -Name 'USER.LIFECYCLE.*'
        $types.Name | Should -Contain 'user.lifecycle.deactivate'
        $types.Category | Select-Object -Unique | Should -Be 'user'
    }

    It 'writes EventTypeNotFound with the nearest names for a plain name not in the catalog' {
        Get-OktaEventType -Name 'user.lifecycle.deactivte' -ErrorAction SilentlyContinue -ErrorVariable failure | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'EventTypeNotFound,OktaEventHooks.Commands.GetOktaEventTypeCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$($failure[0])" | Should -Match 'user\.lifecycle\.deactivate'
    }

    It 'writes no error for a wildcard that matches nothing' {
        Get-OktaEventType -Name 'nothing.like.this*' -ErrorVariable failure | Should -BeNullOrEmpty
        $failure | Should -BeNullOrEmpty
    }

    It 'shows Okta''s description, and marks beta and Identity Engine only types' {
        $create = Get-OktaEventType user.lifecycle.create
        $create.Description | Should -Be 'Create Okta user.'
        $create.Beta | Should -BeFalse
        $create.IdentityEngineOnly | Should -BeFalse
        (Get-OktaEventType device.lifecycle.suspend).IdentityEngineOnly | Should -BeTrue
        (Get-OktaEventType entitlement.migration.start -IncludeBeta).Beta | Should -BeTrue
        $text = Get-OktaEventType user.lifecycle.create, device.lifecycle.suspend | Out-String -Width 120
        $text | Should -Match 'Name\s+Beta\s+IE only\s+Description'
        $text | Should -Match 'user\.lifecycle\.create\s+Create Okta user\.'
        $text | Should -Match 'device\.lifecycle\.suspend\s+Yes\s+Suspend device\.'
    }

    It 'names the catalog''s source and release' {
        $info = Get-OktaEventType user.lifecycle.create
        $info.CatalogRelease | Should -Match '^\d{4}\.\d{2}\.\d+$'
    }

    It 'sends no request' {
        Clear-SandboxRequestLog
        $null = Get-OktaEventType -IncludeBeta
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }
}

Describe 'Event types outside the catalog' {
    BeforeAll { Reset-TestSandbox; Connect-TestSandbox }

    It 'New-OktaEventHook warns with the nearest known name but does not refuse' {
        New-OktaEventHook -Name 'typo' -Uri (Get-ReceiverUri) -EventType 'user.lifecycle.deactivte' -WhatIf -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -Match "'user\.lifecycle\.deactivte' \(did you mean user\.lifecycle\.deactivate"
    }

    It 'New-OktaEventHook says nothing about known generally available types' {
        New-OktaEventHook -Name 'known' -Uri (Get-ReceiverUri) -EventType user.lifecycle.create, group.user_membership.add -WhatIf -WarningVariable warned
        $warned | Should -BeNullOrEmpty
    }

    It 'New-OktaEventHook warns that a beta or Identity Engine only type may not fire in every org, and still sends it' {
        New-OktaEventHook -Name 'may not fire' -Uri (Get-ReceiverUri) -EventType user.lifecycle.create, entitlement.migration.start, device.lifecycle.suspend -WarningVariable warned -WarningAction SilentlyContinue
        $warned.Count | Should -Be 1
        "$warned" | Should -Match 'may not fire in every org'
        "$warned" | Should -Match 'entitlement\.migration\.start \(beta\)'
        "$warned" | Should -Match 'device\.lifecycle\.suspend \(Identity Engine only\)'
        "$warned" | Should -Not -Match 'user\.lifecycle\.create'
        (Get-OktaEventHook -Name 'may not fire').EventTypes | Should -Contain 'device.lifecycle.suspend'
    }

    It 'Set-OktaEventHook warns about an added beta type' {
        $hook = New-TestHook -Name 'set-beta'
        Set-OktaEventHook -Id $hook.Id -AddEventType entitlement.migration.start -WhatIf -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -Match 'entitlement\.migration\.start \(beta\)'
    }

    It 'Set-OktaEventHook warns about an unknown added type' {
        $hook = New-TestHook -Name 'set-target'
        Set-OktaEventHook -Id $hook.Id -AddEventType 'group.user_membership.ad' -WhatIf -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -Match 'group\.user_membership\.add'
    }
}

Describe 'The catalog''s refresh script' {
    It 'writes the module''s catalog from Okta''s published file, eligible types only, with source and release' {
        $out = Join-Path $TestDrive 'event-types.txt'
        $published = Join-Path $TestDrive 'event-types.json'
        @{
            release = '2099.01.0'
            versions = @(@{ version = 'V1'; eventTypes = @(
                @{ id = 'user.lifecycle.create'; description = "Create Okta user.`nSecond line."; tags = @('event-hook-eligible', 'user'); info = @{ release = '2016.02' } }
                @{ id = 'device.lifecycle.suspend'; description = 'Suspend device.'; tags = @('event-hook-eligible', 'oie-only'); info = @{ release = '2021.07.1' } }
                @{ id = 'entitlement.migration.start'; description = 'Started.'; beta = $true; tags = @('event-hook-eligible'); info = @{ release = '2024.05.0' } }
                @{ id = 'user.session.internal'; description = 'Not for hooks.'; tags = @('user'); info = @{ release = '2016.02' } }
            ) })
        } | ConvertTo-Json -Depth 8 | Set-Content -LiteralPath $published
        & (Join-Path $PSScriptRoot '../tools/Update-EventTypeCatalog.ps1') -Source $published -OutputPath $out
        $lines = Get-Content -LiteralPath $out
        $lines | Should -Contain '# Release: 2099.01.0'
        ($lines | Where-Object { $_ -like '# Source: *' }) | Should -Match ([regex]::Escape($published))
        $types = @($lines | Where-Object { $_ -and -not $_.StartsWith('#') })
        $types | Should -Be @(
            "device.lifecycle.suspend`toie-only`tSuspend device."
            "entitlement.migration.start`tbeta`tStarted."
            "user.lifecycle.create`t`tCreate Okta user. Second line."
        )
    }

    It 'ships one catalog file with one source line, one release line and the 314 eligible types' {
        $shipped = Join-Path $PSScriptRoot '../src/OktaEventHooks/Catalog/event-types.txt'
        $header = @(Get-Content -LiteralPath $shipped | Where-Object { $_ -like '# Source: *' })
        $header.Count | Should -Be 1
        @(Get-Content -LiteralPath $shipped | Where-Object { $_ -like '# Release: *' }).Count | Should -Be 1
        @(Get-Content -LiteralPath $shipped | Where-Object { $_ -and -not $_.StartsWith('#') }).Count | Should -Be 314
    }
}
