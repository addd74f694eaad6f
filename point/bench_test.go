package point

import "testing"

// BenchmarkIFCondStep measures one step of 10,000 IF-cond neurons with
// synaptic input on every neuron, per scheme (ns/op is per step; divide
// by 10,000 for ns per neuron-step).
func BenchmarkIFCondStep(b *testing.B) {
	for _, s := range Schemes() {
		b.Run(string(s), func(b *testing.B) {
			const n = 10000
			v, _ := DefaultIFCond().Prepare(0.125, s)
			st := NewIFCondState(n)
			v.Init(st)
			in := zeros(2, n)
			fired := make([]int32, 0, n)
			for i := range n {
				st.V[i] = -70 + 20*float64(i%97)/97
				st.Refr[i] = 0
			}
			b.ResetTimer()
			for range b.N {
				for i := 0; i < n; i += 7 {
					in[0][i], in[1][i] = 2, 10
				}
				fired = v.Step(st, 0, n, in, nil, fired[:0])
			}
		})
	}
}
