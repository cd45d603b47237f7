import { afterEach, vi } from 'vitest'
import { defineComponent, h, ref, type Component } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { mount } from '@vue/test-utils'
import { NDialogProvider, NMessageProvider, NNotificationProvider } from 'naive-ui'
import { bridgeKey } from '@renderer/bridge/use-bridge'
import { createAppI18n } from '@renderer/i18n'
import enUS from '@renderer/i18n/en-US'
import { createFakeApi, type FakeApi } from './fake-api'
import './layout'

// Mounts a component the way the app does — i18n (English), Pinia, the bridge, Naive providers — with an
// in-memory api instead of the real bridge.

export function mountApp(
  component: Component,
  options: { fake?: FakeApi; props?: Record<string, unknown> } = {},
) {
  const fake = options.fake ?? createFakeApi()
  const pinia = createPinia()
  setActivePinia(pinia)
  const i18n = createAppI18n(enUS)
  const messages = ref<{ destroyAll: () => void } | null>(null)
  const host = defineComponent({
    setup: () => () =>
      h(NMessageProvider, { ref: messages }, () =>
        h(NNotificationProvider, null, () =>
          h(NDialogProvider, null, () => h(component, options.props ?? {})),
        ),
      ),
  })
  const wrapper = mount(host, {
    attachTo: document.body,
    // Real transitions (they finish at once in happy-dom), so closed drawers really leave the DOM.
    global: {
      plugins: [pinia, i18n],
      provide: { [bridgeKey as symbol]: fake.api },
      stubs: { transition: false },
    },
  })
  mounted.push(() => {
    // A toast hides itself on a timer that outlives the test (and the DOM): close them all first.
    messages.value?.destroyAll()
    wrapper.unmount()
  })
  return { wrapper, fake, pinia, i18n }
}

const mounted: (() => void)[] = []

// Every screen mounted by a test is taken down after it: window listeners and timers of one test must
// not act in the next one or after the test environment is gone.
afterEach(() => {
  for (const unmount of mounted.splice(0)) unmount()
})

/** Lets pending promises (fake api calls) and the re-renders they cause settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0))
  // Parts of the UI load on first use (defineAsyncComponent): let those imports land, then render.
  await vi.dynamicImportSettled()
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}
