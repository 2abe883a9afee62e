// Go struct fields as the apiserver (de)serializes them, generated from k8s.io/apimachinery pkg/apis/meta/v1/types.go and k8s.io/api discovery/v1, events/v1 at v0.32.9 (Kubernetes 1.32).
// One entry per struct, fields in declaration order (= JSON output order): `json[?]:GoType`,
// `?` marks omitempty, `...Type` an inline-embedded struct. Core/v1 types are unqualified.
// metav1 (ObjectMeta, LabelSelector, ...), discovery/v1 EndpointSlice and events/v1 Event.
export const META_TYPES: Readonly<Record<string, string>> = {
  'meta.Condition': 'type:string status:meta.ConditionStatus observedGeneration?:int64 lastTransitionTime:meta.Time reason:string message:string',
  'meta.LabelSelector': 'matchLabels?:map[string]string matchExpressions?:[]meta.LabelSelectorRequirement',
  'meta.LabelSelectorRequirement': 'key:string operator:meta.LabelSelectorOperator values?:[]string',
  'meta.ManagedFieldsEntry': 'manager?:string operation?:meta.ManagedFieldsOperationType apiVersion?:string time?:*meta.Time fieldsType?:string fieldsV1?:*meta.FieldsV1 subresource?:string',
  'meta.ObjectMeta': 'name?:string generateName?:string namespace?:string selfLink?:string uid?:types.UID resourceVersion?:string generation?:int64 creationTimestamp?:meta.Time deletionTimestamp?:*meta.Time deletionGracePeriodSeconds?:*int64 labels?:map[string]string annotations?:map[string]string ownerReferences?:[]meta.OwnerReference finalizers?:[]string managedFields?:[]meta.ManagedFieldsEntry',
  'meta.OwnerReference': 'apiVersion:string kind:string name:string uid:types.UID controller?:*bool blockOwnerDeletion?:*bool',
  'meta.TypeMeta': 'kind?:string apiVersion?:string',
  'discovery.Endpoint': 'addresses:[]string conditions?:discovery.EndpointConditions hostname?:*string targetRef?:*ObjectReference deprecatedTopology?:map[string]string nodeName?:*string zone?:*string hints?:*discovery.EndpointHints',
  'discovery.EndpointConditions': 'ready?:*bool serving?:*bool terminating?:*bool',
  'discovery.EndpointHints': 'forZones?:[]discovery.ForZone',
  'discovery.EndpointPort': 'name?:*string protocol?:*Protocol port?:*int32 appProtocol?:*string',
  'discovery.EndpointSlice': '...meta.TypeMeta metadata?:meta.ObjectMeta addressType:discovery.AddressType endpoints:[]discovery.Endpoint ports:[]discovery.EndpointPort',
  'discovery.ForZone': 'name:string',
  'events.Event': '...meta.TypeMeta metadata:meta.ObjectMeta eventTime:meta.MicroTime series?:*events.EventSeries reportingController?:string reportingInstance?:string action?:string reason?:string regarding?:ObjectReference related?:*ObjectReference note?:string type?:string deprecatedSource?:EventSource deprecatedFirstTimestamp?:meta.Time deprecatedLastTimestamp?:meta.Time deprecatedCount?:int32',
  'events.EventSeries': 'count:int32 lastObservedTime:meta.MicroTime',
};
