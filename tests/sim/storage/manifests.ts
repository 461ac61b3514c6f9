// The module 6 manifests, as a student writes them: MongoDB as a StatefulSet with a volume claim template, and
// the headless Service that gives its pods stable DNS names.

export const MONGO_STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: mongodb
spec:
  serviceName: mongodb
  replicas: 1
  selector:
    matchLabels:
      app: mongodb
  template:
    metadata:
      labels:
        app: mongodb
    spec:
      containers:
      - name: mongodb-pod
        image: mongo:3.4-jessie
        ports:
        - containerPort: 27017
        volumeMounts:
        - name: mongo-vol
          mountPath: /data/db
  volumeClaimTemplates:
  - metadata:
      name: mongo-vol
    spec:
      accessModes: [ "ReadWriteOnce" ]
      storageClassName: default
      resources:
        requests:
          storage: 500M
`;

export const MONGO_HEADLESS_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: mongodb
spec:
  clusterIP: None
  selector:
    app: mongodb
  ports:
  - port: 27017
`;

/** A claim with the given extra spec lines (YAML, indented by four spaces). */
export function claim(name: string, specLines: string): string {
  return `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: [ "ReadWriteOnce" ]
  resources:
    requests:
      storage: 1Gi
${specLines}`;
}
