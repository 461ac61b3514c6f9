// The Smilr lab's manifests (module 3–4), as a student writes them.

export const MONGO_DEPLOYMENT = `kind: Deployment
apiVersion: apps/v1
metadata:
  name: mongodb
spec:
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
`;

/** The lab's data-api Deployment with its Mongo connection string. */
export function dataApiDeployment(connStr: string, replicas = 1): string {
  return `kind: Deployment
apiVersion: apps/v1
metadata:
  name: data-api
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: data-api
  template:
    metadata:
      labels:
        app: data-api
    spec:
      containers:
      - name: data-api-pod
        image: smilr/data-api
        ports:
        - containerPort: 4000
        env:
        - name: MONGO_CONNSTR
          value: ${connStr}
`;
}

export const MONGO_SERVICE = `kind: Service
apiVersion: v1
metadata:
  name: mongodb-svc
spec:
  type: ClusterIP
  ports:
  - protocol: TCP
    port: 27017
    targetPort: 27017
  selector:
    app: mongodb
`;

export const DATA_API_SERVICE = `kind: Service
apiVersion: v1
metadata:
  name: data-api-svc
spec:
  type: LoadBalancer
  ports:
  - protocol: TCP
    port: 80
    targetPort: 4000
  selector:
    app: data-api
`;

/** `cat <<'EOF' > file … EOF` for a manifest. */
export function writeFile(name: string, text: string): string {
  return `cat <<'EOF' > ${name}\n${text}EOF`;
}
