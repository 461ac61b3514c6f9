// The demo data set the Smilr data API loads through POST /api/bulk: events with topics, and feedback on them,
// in the shape the real demo data file has (`{ events: [...], feedback: [...] }`).

export interface DemoEvent {
  readonly _id: string;
  readonly title: string;
  readonly type: 'event' | 'workshop' | 'lab' | 'hack';
  readonly start: string;
  readonly end: string;
  readonly topics: readonly { readonly id: number; readonly desc: string }[];
}

export interface DemoFeedback {
  readonly event: string;
  readonly topic: number;
  readonly rating: number;
  readonly comment: string;
}

/** The demo events and feedback. */
export const DEMO_DATA: { readonly events: readonly DemoEvent[]; readonly feedback: readonly DemoFeedback[] } = {
  events: [
    { _id: 'demo01', title: 'Containers Open Day', type: 'event', start: '2026-01-01', end: '2026-12-31',
      topics: [{ id: 1, desc: 'Welcome and Keynote' }, { id: 2, desc: 'Images and Registries' }] },
    { _id: 'demo02', title: 'Kubernetes Services Workshop', type: 'workshop', start: '2025-06-01', end: '2027-06-30',
      topics: [{ id: 1, desc: 'Pods Come and Go' }, { id: 2, desc: 'Stable Names with Services' }, { id: 3, desc: 'Load Balancers' }] },
    { _id: 'demo03', title: 'Persistent Storage Lab', type: 'lab', start: '2027-03-01', end: '2027-03-02',
      topics: [{ id: 1, desc: 'Volumes and Claims' }, { id: 2, desc: 'StatefulSets' }] },
  ],
  feedback: [
    { event: 'demo02', topic: 1, rating: 5, comment: 'Finally understood why pod IPs change' },
    { event: 'demo02', topic: 2, rating: 4, comment: 'DNS names make so much more sense now' },
    { event: 'demo02', topic: 3, rating: 3, comment: 'Waiting for the external IP took a while' },
    { event: 'demo01', topic: 1, rating: 4, comment: 'Good overview, a bit fast' },
    { event: 'demo01', topic: 2, rating: 2, comment: 'I misspelt the image name and got ImagePullBackOff' },
  ],
};

/** The demo data as the JSON file a student posts with `curl -d @demoData.json`. */
export const DEMO_DATA_JSON = `${JSON.stringify(DEMO_DATA, null, 2)}\n`;
