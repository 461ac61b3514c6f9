import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { K8sObject, Kind } from '../../../sim/model/types';
import { createHarness } from '../../helpers/harness';
import { unknownFieldsOf } from '../../../sim/registry/schema/unknown-fields';
import { fieldSchemaAt } from '../../../sim/registry/schema/known-fields';
import { DOCUMENTED_TYPES } from '../../../sim/registry/schema/documented-schema';
import { messageOf } from './registry-helpers';

/** A production-style Deployment using most of the pod spec surface. */
const FULL_DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: {app.kubernetes.io/name: api, app.kubernetes.io/part-of: shop}
  annotations: {deployment.kubernetes.io/revision: "3", example.com/owner: team-a}
spec:
  replicas: 3
  revisionHistoryLimit: 5
  progressDeadlineSeconds: 300
  minReadySeconds: 5
  selector:
    matchLabels: {app: api}
    matchExpressions: [{key: tier, operator: In, values: [backend]}]
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
  template:
    metadata:
      creationTimestamp: null
      labels: {app: api, tier: backend}
      annotations: {prometheus.io/scrape: "true"}
    spec:
      serviceAccountName: api
      automountServiceAccountToken: false
      priorityClassName: high
      terminationGracePeriodSeconds: 45
      imagePullSecrets: [{name: regcred}]
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        fsGroup: 2000
        seccompProfile: {type: RuntimeDefault}
        supplementalGroupsPolicy: Merge
      resources:
        limits: {cpu: "2", memory: 2Gi}
      dnsPolicy: ClusterFirst
      dnsConfig:
        options: [{name: ndots, value: "2"}]
      hostAliases: [{ip: 10.1.2.3, hostnames: [legacy.local]}]
      nodeSelector: {kubernetes.io/os: linux}
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [eu-1a, eu-1b]}]
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
              labelSelector: {matchLabels: {app: api}}
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: ScheduleAnyway
        labelSelector: {matchLabels: {app: api}}
      tolerations:
      - {key: dedicated, operator: Equal, value: api, effect: NoSchedule}
      - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 60}
      initContainers:
      - name: migrate
        image: registry.example.com/api:1.4.2
        command: [/bin/migrate, --up]
        envFrom: [{secretRef: {name: db}}]
      - name: proxy
        image: envoyproxy/envoy:v1.31
        restartPolicy: Always
        ports: [{name: admin, containerPort: 9901}]
      containers:
      - name: api
        image: registry.example.com/api:1.4.2
        imagePullPolicy: IfNotPresent
        args: [--port=8080]
        workingDir: /srv
        ports:
        - {name: http, containerPort: 8080, protocol: TCP}
        env:
        - {name: LOG_LEVEL, value: info}
        - name: POD_IP
          valueFrom: {fieldRef: {fieldPath: status.podIP}}
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
        - name: MEM_LIMIT
          valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}
        envFrom: [{configMapRef: {name: api-config}, prefix: CFG_}]
        resources:
          requests: {cpu: 250m, memory: 256Mi}
          limits: {cpu: "1", memory: 1Gi}
        readinessProbe:
          httpGet: {path: /ready, port: http, httpHeaders: [{name: X-Probe, value: "1"}]}
          initialDelaySeconds: 5
          periodSeconds: 5
        livenessProbe:
          tcpSocket: {port: 8080}
          failureThreshold: 5
        startupProbe:
          exec: {command: [cat, /tmp/started]}
        lifecycle:
          preStop: {sleep: {seconds: 5}}
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
        volumeMounts:
        - {name: config, mountPath: /etc/api, readOnly: true}
        - {name: cache, mountPath: /var/cache/api}
        - {name: data, mountPath: /data, subPath: api}
        - {name: token, mountPath: /var/run/secrets/tokens}
        terminationMessagePolicy: FallbackToLogsOnError
      volumes:
      - name: config
        configMap:
          name: api-config
          items: [{key: app.yaml, path: app.yaml}]
          defaultMode: 0644
      - name: cache
        emptyDir: {medium: Memory, sizeLimit: 64Mi}
      - name: data
        persistentVolumeClaim: {claimName: api-data}
      - name: token
        projected:
          sources:
          - serviceAccountToken: {audience: vault, expirationSeconds: 600, path: vault-token}
          - secret: {name: ca, items: [{key: ca.crt, path: ca.crt}]}
status: {}
`;

function withField(kind: Kind, obj: Record<string, unknown>): K8sObject {
  return { apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, metadata: { name: 'x' }, ...obj } as K8sObject;
}

describe('strict decoding (unknown fields)', () => {
  it.each([
    ['Service', { spec: { prots: [{ port: 80 }], ports: [{ port: 80 }] } }, ['spec.prots']],
    ['Service', { specs: {} }, ['specs']],
    ['Service', { metadata: { name: 'x', lables: { a: 'b' } } }, ['metadata.lables']],
    ['Service', { spec: { ports: [{ port: 80 }, { port: 81, tagetPort: 8080 }] } }, ['spec.ports[1].tagetPort']],
    ['Deployment', { spec: { template: { spec: { containers: [{ name: 'a', image: 'b', imagePullPolcy: 'Always' }] } } } },
      ['spec.template.spec.containers[0].imagePullPolcy']],
    ['Deployment', { spec: { template: { spec: { containers: [{ name: 'a', image: 'b', resources: { limit: { cpu: '1' } } }] } } } },
      ['spec.template.spec.containers[0].resources.limit']],
    ['Pod', { spec: { Containers: [], containers: [{ name: 'a', image: 'b', readinessProbe: { httpget: {} } }] } },
      ['spec.Containers', 'spec.containers[0].readinessProbe.httpget']],
  ])('%s %j → %j', (kind, obj, expected) => {
    expect(unknownFieldsOf(kind as Kind, withField(kind as Kind, obj))).toEqual(expected);
  });

  it('orders several unknown fields as the apiserver does (sorted keys, depth first)', () => {
    const obj = withField('Service', { zeta: 1, spec: { selectr: {}, ports: [{ port: 80, nme: 'x' }] }, alpha: 2 });
    expect(unknownFieldsOf('Service', obj)).toEqual(['alpha', 'spec.ports[0].nme', 'spec.selectr', 'zeta']);
  });

  it('rejects the whole manifest with the apiserver message', () => {
    const h = createHarness();
    const res = h.api.create(withField('Service', { spec: { prots: [{ port: 80 }], selectr: { app: 'x' } } }));
    expect(!res.ok && res.status.code).toBe(400);
    expect(messageOf(res)).toBe('Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.prots", unknown field "spec.selectr"');
    expect(h.store.get('Service/default/x')).toBeUndefined();
  });

  it('accepts any key in maps and any content in status', () => {
    const obj = withField('Pod', {
      metadata: { name: 'x', labels: { 'any/key': 'v' }, annotations: { whatever: 'x' }, managedFields: [{ fieldsV1: { 'f:spec': {} } }] },
      spec: { nodeSelector: { 'a.b/c': 'd' }, containers: [{ name: 'a', image: 'b', resources: { limits: { 'nvidia.com/gpu': 1 } } }] },
      status: { phase: 'Running', containerStatuses: [{ name: 'a', ready: true, user: { linux: { uid: 0, gid: 0 } } }] },
    });
    expect(unknownFieldsOf('Pod', obj)).toEqual([]);
  });

  it('accepts a realistic production manifest', () => {
    // kubectl reads YAML 1.1 (sigs.k8s.io/yaml), where 0644 is octal.
    const manifest = parse(FULL_DEPLOYMENT, { version: '1.1' }) as K8sObject;
    expect(unknownFieldsOf('Deployment', manifest)).toEqual([]);
    const h = createHarness();
    const created = h.api.create(manifest);
    expect(created.ok ? [] : created.status.message).toEqual([]);
  });

  it('knows fields added in v1.31–v1.34 and forgets the ones removed', () => {
    const pod = withField('Pod', {
      spec: {
        hostnameOverride: 'h', resources: { limits: { cpu: '1' } },
        containers: [{ name: 'a', image: 'b', lifecycle: { stopSignal: 'SIGUSR1' }, restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [42] } }] }],
        volumes: [{ name: 'v', image: { reference: 'quay.io/data:1', pullPolicy: 'IfNotPresent' } }],
        resourceClaims: [{ name: 'gpu', resourceClaimName: 'gpu-claim' }, { name: 'old', source: { resourceClaimName: 'x' } }],
      },
    });
    expect(unknownFieldsOf('Pod', pod)).toEqual(['spec.resourceClaims[1].source']);
  });

  it('describes fields for kubectl explain', () => {
    const field = fieldSchemaAt('Deployment', ['spec', 'template', 'spec', 'containers'], DOCUMENTED_TYPES);
    expect(field?.type).toBe('array');
    expect(field?.items?.ref).toBe('core/v1.Container');
    expect(field?.description).toMatch(/^List of containers belonging to the pod/);
    // Decoding carries no documentation; only explain's schema does.
    expect(fieldSchemaAt('Deployment', ['spec', 'template', 'spec', 'containers'])?.description).toBeUndefined();
    expect(DOCUMENTED_TYPES['core/v1.Container'].description).toMatch(/^A single application container/);
    expect(fieldSchemaAt('Service', ['spec', 'prots'])).toBeUndefined();
  });
});
