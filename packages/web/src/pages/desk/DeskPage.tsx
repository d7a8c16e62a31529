import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Badge, Card, Col, Empty, Flex, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  ApiError,
  allUsers,
  live,
  type AgentStateView,
  type Disposition,
  type Interaction,
  type LiveMessage,
  type NotReadyReason,
  type Queue,
  type StateChange,
  type WorkItemView,
} from '../../api/client.ts';
import { ROLE_PERMISSIONS } from '@seatline/shared';
import { useAuth, useMe } from '../../auth/AuthContext.tsx';
import { errorText } from '../../lib/format.ts';
import { ChannelIcon } from '../../live/labels.tsx';
import { useLiveSocket } from '../../live/useLiveSocket.ts';
import { StateBar } from './StateBar.tsx';
import { OfferCard } from './OfferCard.tsx';
import { visibleOffers, type Offer } from './offers.ts';
import { CustomerCard, EventsTimeline } from './CustomerPanel.tsx';
import { VoiceControls } from './VoiceControls.tsx';
import { ChatPane } from './ChatPane.tsx';
import { WrapUpForm } from './WrapUpForm.tsx';

/** How long after its ring deadline an offer nobody withdrew is dropped from the screen anyway. */
const STALE_OFFER_MS = 5_000;

/**
 * The agent desktop. Opening it logs the agent onto the floor (the live socket), the state bar
 * sets ready / not ready, offers ring with a countdown, and each accepted contact gets a tab with
 * the screen pop, call or chat controls and, once it ends, the wrap-up form.
 *
 * Commands go over HTTP; the socket brings the news (offers, state changes, chat lines), after
 * which the desk re-reads the agent's state so its list of contacts is always the server's.
 */
export function DeskPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();

  const [agent, setAgent] = useState<AgentStateView | null>(null);
  const [greeted, setGreeted] = useState(false);
  const [offers, setOffers] = useState<Record<string, Offer>>({});
  const [details, setDetails] = useState<Record<string, Interaction>>({});
  const [gone, setGone] = useState<Record<string, true>>({});
  const [activeId, setActiveId] = useState<string | null>(null);
  const [unread, setUnread] = useState<Record<string, number>>({});
  const [queues, setQueues] = useState<Queue[] | null>(null);
  const [colleagues, setColleagues] = useState<{ id: string; name: string }[] | null>(null);
  const [pending, setPending] = useState<Record<string, string>>({});
  const [stateBusy, setStateBusy] = useState(false);
  const [transferredTo, setTransferredTo] = useState<Record<string, string>>({});
  const [generation, setGeneration] = useState(0);
  const stateSeq = useRef(0);
  const activeRef = useRef<string | null>(null);

  // ------------------------------------------------------------------ reading the server's truth

  const refreshState = useCallback(async () => {
    const seq = ++stateSeq.current;
    const startedAt = Date.now();
    try {
      const { state } = await live.agentState();
      if (seq !== stateSeq.current) return;
      setAgent(state);
      // Offers learned before this read that the state no longer holds were withdrawn while we were away.
      const ringing = new Set((state?.work ?? []).filter((w) => w.phase === 'reserved').map((w) => w.interactionId));
      setOffers((prev) => {
        const next = Object.fromEntries(Object.entries(prev).filter(([id, offer]) => ringing.has(id) || offer.receivedAt > startedAt));
        return Object.keys(next).length === Object.keys(prev).length ? prev : next;
      });
    } catch {
      // The socket's next message (or a reconnect) reads it again.
    }
  }, []);

  const loadDetail = useCallback(async (id: string) => {
    try {
      const detail = await live.interaction(id);
      setDetails((prev) => ({ ...prev, [id]: detail }));
    } catch (error) {
      // After a transfer the contact belongs to someone else: keep what we had, note it is gone.
      if (error instanceof ApiError && error.status === 404) setGone((prev) => ({ ...prev, [id]: true }));
    }
  }, []);

  const patchDetail = useCallback((id: string, patch: (detail: Interaction) => Interaction) => {
    setDetails((prev) => (prev[id] ? { ...prev, [id]: patch(prev[id]) } : prev));
  }, []);

  useEffect(() => {
    activeRef.current = activeId;
  }, [activeId]);

  // Agents may lack queues.read: then the transfer control stays hidden.
  useEffect(() => {
    live.queues().then(
      (list) => setQueues(list.items),
      () => setQueues(null),
    );
  }, []);

  // Colleagues to conference in: users who may use the desk. Agents without users.read do without.
  useEffect(() => {
    if (!can('users.read')) return;
    allUsers().then(
      (users) =>
        setColleagues(
          users
            .filter((user) => user.id !== me.id && user.status === 'active' && user.roles.some((role) => ROLE_PERMISSIONS[role].includes('desk.use')))
            .map((user) => ({ id: user.id, name: user.displayName })),
        ),
      () => setColleagues(null),
    );
  }, [me.id, can]);

  // ------------------------------------------------------------------ the live socket

  const onMessage = (m: LiveMessage) => {
    // A team leader watching the floor gets everyone's news; the desk only cares about its own.
    if (m.type === 'hello') {
      setGreeted(true);
      setAgent(m.agentState);
      void refreshState();
      return;
    }
    if (m.type === 'queue_changed' || m.agentId !== me.id) return;
    switch (m.type) {
      case 'agent_state':
        setAgent((prev) => (prev ? { ...prev, status: m.status, presence: m.presence, reason: m.reason, since: new Date(m.since).toISOString() } : prev));
        void refreshState();
        break;
      case 'offer':
        setOffers((prev) => ({
          ...prev,
          [m.interactionId]: { interactionId: m.interactionId, channel: null, queueId: m.queueId, ringDeadline: m.ringDeadline, receivedAt: Date.now() },
        }));
        void loadDetail(m.interactionId);
        break;
      case 'offer_cancelled':
        setOffers((prev) => {
          const { [m.interactionId]: _dropped, ...rest } = prev;
          return rest;
        });
        if (m.reason !== 'rejected') message.warning(t('desk.offerCancelled', { reason: t(`offerCancelled.${m.reason}`, { defaultValue: m.reason }) }));
        void refreshState();
        break;
      case 'connected':
        setOffers((prev) => {
          const { [m.interactionId]: _dropped, ...rest } = prev;
          return rest;
        });
        setActiveId(m.interactionId);
        void loadDetail(m.interactionId);
        void refreshState();
        break;
      case 'ended':
        if (m.endedBy !== 'agent') message.info(t('desk.customerEnded', { who: t(`endedBy.${m.endedBy}`, { defaultValue: m.endedBy }) }));
        void loadDetail(m.interactionId);
        void refreshState();
        break;
      case 'wrap_up_ended':
        void refreshState();
        break;
      case 'chat':
        patchDetail(m.interactionId, (detail) => ({
          ...detail,
          messages: [...detail.messages, { sender: m.sender, body: m.body, at: new Date(m.at).toISOString(), agentId: m.sender === 'agent' ? me.id : null }],
        }));
        if (m.interactionId !== activeRef.current && m.sender !== 'agent') {
          setUnread((prev) => ({ ...prev, [m.interactionId]: (prev[m.interactionId] ?? 0) + 1 }));
        }
        break;
    }
  };

  const socket = useLiveSocket(onMessage, true, generation);
  useEffect(() => {
    if (socket !== 'open') setGreeted(false);
  }, [socket]);

  // Every contact the agent holds has its details loaded (the screen pop), once.
  const work: readonly WorkItemView[] = useMemo(() => agent?.work ?? [], [agent]);
  useEffect(() => {
    for (const item of work) if (!details[item.interactionId] && !gone[item.interactionId]) void loadDetail(item.interactionId);
    for (const id of Object.keys(offers)) if (!details[id] && !gone[id]) void loadDetail(id);
    // details/gone are read, not watched: a load in flight must not start a second one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [work, offers, loadDetail]);

  // Offers whose ring ran out long ago (a withdrawal we never heard of) leave the screen.
  useEffect(() => {
    const timer = setInterval(() => {
      const now = Date.now();
      setOffers((prev) => {
        const next = Object.fromEntries(Object.entries(prev).filter(([, o]) => o.ringDeadline === null || o.ringDeadline + STALE_OFFER_MS > now));
        return Object.keys(next).length === Object.keys(prev).length ? prev : next;
      });
    }, 1_000);
    return () => clearInterval(timer);
  }, []);

  // ------------------------------------------------------------------ derived views

  const offerList = useMemo(() => visibleOffers(offers, work, details, Date.now()), [offers, work, details]);

  // A desk in a background tab still catches the eye: the page title rings with the offer.
  const ringing = offerList.length > 0;
  useEffect(() => {
    if (!ringing) return;
    const previous = document.title;
    document.title = `🔔 ${t('desk.offerVoice')} · ${previous}`;
    return () => {
      document.title = previous;
    };
  }, [ringing, t]);

  const tabs = work.filter((item) => item.phase !== 'reserved');
  const current = tabs.find((item) => item.interactionId === activeId) ?? tabs[0];
  const queueName = useCallback((id: string | null) => (id ? queues?.find((queue) => queue.id === id)?.name : undefined), [queues]);

  useEffect(() => {
    if (current) setUnread((prev) => (prev[current.interactionId] ? { ...prev, [current.interactionId]: 0 } : prev));
  }, [current]);

  // ------------------------------------------------------------------ commands

  const changeState = async (change: StateChange) => {
    setStateBusy(true);
    try {
      const { state } = await live.setAgentState(change);
      setAgent(state);
    } catch (error) {
      message.error(errorText(error));
      void refreshState();
    } finally {
      setStateBusy(false);
    }
  };

  /** Runs one command on a contact, marking it busy meanwhile; false when it failed (already shown). */
  const act = async (id: string, what: string, run: () => Promise<void>): Promise<boolean> => {
    setPending((prev) => ({ ...prev, [id]: what }));
    try {
      await run();
      return true;
    } catch (error) {
      message.error(errorText(error));
      return false;
    } finally {
      setPending(({ [id]: _done, ...rest }) => rest);
      void refreshState();
      void loadDetail(id);
    }
  };

  const accept = (id: string) =>
    act(id, 'accept', async () => {
      await live.accept(id);
      setOffers(({ [id]: _accepted, ...rest }) => rest);
      setActiveId(id);
    });

  const reject = (id: string) =>
    act(id, 'reject', async () => {
      await live.reject(id);
      setOffers(({ [id]: _rejected, ...rest }) => rest);
    });

  const hold = (id: string, on: boolean) =>
    act(id, on ? 'hold' : 'resume', async () => {
      await (on ? live.hold(id) : live.resume(id));
      patchDetail(id, (detail) => ({ ...detail, onHold: on }));
    });

  const transfer = (id: string, queueId: string) =>
    act(id, 'transfer', async () => {
      await live.transfer(id, queueId);
      setTransferredTo((prev) => ({ ...prev, [id]: queueId }));
      patchDetail(id, (detail) => ({ ...detail, transferred: true, queueId, status: 'queued', onHold: false }));
      message.success(t('desk.transferred', { queue: queueName(queueId) ?? '' }));
    });

  const conference = (id: string, agentId: string) =>
    act(id, 'conference', async () => {
      await live.conference(id, agentId);
      message.success(t('desk.conferenced', { name: colleagues?.find((c) => c.id === agentId)?.name ?? '' }));
    });

  const wrapUp = (id: string, disposition: Disposition, notes: string | undefined) =>
    act(id, 'wrapup', async () => {
      await live.wrapUp(id, disposition, notes);
      message.success(t('desk.wrapUpDone'));
    });

  // ------------------------------------------------------------------ rendering

  const online = socket === 'open' && greeted;
  const renderWork = (item: WorkItemView) => {
    const id = item.interactionId;
    const detail = details[id];
    if (!detail) {
      return gone[id] ? (
        <Flex vertical gap={16}>
          <Alert type="info" showIcon title={t('desk.detailGone')} />
          {item.phase === 'wrap_up' && (
            <WrapUpForm interactionId={id} initialDisposition="transferred" submitting={pending[id] === 'wrapup'} onSubmit={(d, n) => void wrapUp(id, d, n)} />
          )}
        </Flex>
      ) : (
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin description={t('desk.loadingDetail')}>
            <div style={{ width: 120, height: 40 }} />
          </Spin>
        </Flex>
      );
    }
    const transferred = Boolean(transferredTo[id]) || detail.transferred;
    return (
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <CustomerCard detail={detail} />
            <EventsTimeline detail={detail} queueName={queueName} personName={(userId) => colleagues?.find((c) => c.id === userId)?.name} />
          </Flex>
        </Col>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            {item.phase === 'wrap_up' && (
              <WrapUpForm
                interactionId={id}
                initialDisposition={transferred ? 'transferred' : undefined}
                submitting={pending[id] === 'wrapup'}
                onSubmit={(d, n) => void wrapUp(id, d, n)}
              />
            )}
            {item.channel === 'voice' ? (
              <VoiceControls
                detail={detail}
                phase={item.phase}
                queues={queues}
                pending={pending[id] ?? null}
                onHold={() => void hold(id, true)}
                onResume={() => void hold(id, false)}
                onHangup={() => void act(id, 'hangup', () => live.hangup(id))}
                onTransfer={(queueId) => void transfer(id, queueId)}
                onConference={(agentId) => void conference(id, agentId)}
                colleagues={colleagues}
              />
            ) : (
              <ChatPane
                detail={detail}
                phase={item.phase}
                pending={pending[id] ?? null}
                onSend={(text) => act(id, 'send', () => live.sendMessage(id, text))}
                onEnd={() => void act(id, 'hangup', () => live.hangup(id))}
              />
            )}
          </Flex>
        </Col>
      </Row>
    );
  };

  const tabLabel = (item: WorkItemView) => {
    const detail = details[item.interactionId];
    const who = detail?.customer?.name ?? detail?.address ?? (item.channel === 'voice' ? t('desk.unknownCaller') : t('desk.unknownVisitor'));
    return (
      <Badge count={unread[item.interactionId] ?? 0} size="small" offset={[6, -2]}>
        <Space size={6} data-testid="desk-tab" data-interaction={item.interactionId}>
          <ChannelIcon channel={item.channel} />
          <span>{who}</span>
          {detail?.customer?.vip && <Tag color="gold">{t('desk.vip')}</Tag>}
          <Tag color={item.phase === 'wrap_up' ? 'purple' : 'red'} style={{ marginInlineEnd: 0 }}>
            {item.phase === 'wrap_up' ? t('agentStatus.wrap_up') : item.channel === 'voice' ? t('desk.inCall') : t('desk.inChat')}
          </Tag>
        </Space>
      </Badge>
    );
  };

  return (
    <Flex vertical gap={16} data-testid="page-desk">
      <StateBar
        agent={agent}
        socket={socket}
        online={online}
        busy={stateBusy}
        onReady={() => void changeState({ presence: 'ready' })}
        onNotReady={(reason: NotReadyReason) => void changeState({ presence: 'not_ready', reason })}
        onSignOut={() => void changeState({ presence: 'offline' })}
        onSignIn={() => setGeneration((g) => g + 1)}
      />
      {socket !== 'open' && <Alert type="warning" showIcon title={t('desk.notConnected')} data-testid="desk-offline" />}
      {offerList.map((offer) => (
        <OfferCard
          key={offer.interactionId}
          offer={offer}
          detail={details[offer.interactionId]}
          queueName={queueName(offer.queueId)}
          busy={Boolean(pending[offer.interactionId])}
          onAccept={() => void accept(offer.interactionId)}
          onReject={() => void reject(offer.interactionId)}
        />
      ))}
      {tabs.length === 0 ? (
        offerList.length === 0 && (
          <Card>
            <Empty
              data-testid="desk-idle"
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <Typography.Text type="secondary">
                  {agent?.presence === 'offline' ? t('desk.signedOut') : agent?.presence === 'ready' ? t('desk.idleReady') : t('desk.idleNotReady')}
                </Typography.Text>
              }
            />
          </Card>
        )
      ) : (
        <Card size="small" title={t('desk.work')} data-testid="desk-work">
          <Tabs
            activeKey={current?.interactionId}
            onChange={setActiveId}
            destroyOnHidden
            items={tabs.map((item) => ({ key: item.interactionId, label: tabLabel(item), children: renderWork(item) }))}
          />
        </Card>
      )}
    </Flex>
  );
}
