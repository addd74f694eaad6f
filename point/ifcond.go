package point

import "math"

// IFCondParams are the parameters of an integrate-and-fire neuron with
// single-exponential conductance synapses (SNNModels.jl IF with
// SingleExpSynapse, src/populations/generalized_if/if.jl and
// synapses/SingleExpSynapse.jl, which replaced IFParameterSingleExponential;
// Brian2's COBA neuron):
//
//	τm dv/dt = -(v - EL) - R ge (v - Ee) - R gi (v - Ei) + R I
//	dge/dt = -ge/τe,   dgi/dt = -gi/τi
//
// A spike occurs when v > VTh; v is then reset to VReset and held there for
// the refractory period while the conductances keep decaying. Synaptic
// weights (nS) are added to ge ("ge") or gi ("gi").
type IFCondParams struct {
	// TauMMs is the membrane time constant τm = C/gL, ms.
	TauMMs float64 `json:"tau_m_ms"`
	// RGOhm is the membrane resistance R = 1/gL, GΩ.
	RGOhm float64 `json:"r_GOhm"`
	// ELmV is the leak potential, mV.
	ELmV float64 `json:"e_l_mV"`
	// VThmV is the spike threshold, mV.
	VThmV float64 `json:"v_th_mV"`
	// VResetmV is the reset potential, mV.
	VResetmV float64 `json:"v_reset_mV"`
	// TauRefMs is the absolute refractory period, ms.
	TauRefMs float64 `json:"tau_ref_ms"`
	// TauEMs and TauIMs are the decay time constants of ge and gi, ms.
	TauEMs float64 `json:"tau_e_ms"`
	TauIMs float64 `json:"tau_i_ms"`
	// EExcmV and EInhmV are the reversal potentials Ee and Ei, mV.
	EExcmV float64 `json:"e_exc_mV"`
	EInhmV float64 `json:"e_inh_mV"`
}

// DefaultIFCond returns the excitatory cell of Zerlaut et al. 2019 as the
// SpikingNeuralNetworks.jl tutorial sets it: C 200 pF, gL 10 nS (τm 20 ms,
// R 0.1 GΩ), EL = VReset = -70 mV, VTh -50 mV, τref 2 ms, τe = τi = 5 ms,
// Ee 0 mV, Ei -80 mV.
func DefaultIFCond() IFCondParams {
	return IFCondParams{TauMMs: 20, RGOhm: 0.1, ELmV: -70, VThmV: -50, VResetmV: -70, TauRefMs: 2,
		TauEMs: 5, TauIMs: 5, EExcmV: 0, EInhmV: -80}
}

// Validate reports parameters out of range, naming each by its JSON field.
func (p IFCondParams) Validate() error {
	var c checker
	c.positive("tau_m_ms", p.TauMMs)
	c.positive("r_GOhm", p.RGOhm)
	c.finite("e_l_mV", p.ELmV)
	c.finite("v_th_mV", p.VThmV)
	c.finite("v_reset_mV", p.VResetmV)
	c.nonNegative("tau_ref_ms", p.TauRefMs)
	c.positive("tau_e_ms", p.TauEMs)
	c.positive("tau_i_ms", p.TauIMs)
	c.finite("e_exc_mV", p.EExcmV)
	c.finite("e_inh_mV", p.EInhmV)
	return c.err()
}

// Receptors lists the synaptic inputs: "ge" and "gi", in nS.
func (IFCondParams) Receptors() []Port {
	return []Port{{Name: "ge", Unit: UnitNS}, {Name: "gi", Unit: UnitNS}}
}

// Currents lists the external-current inputs: "soma".
func (IFCondParams) Currents() []Port { return somaCurrent }

// Variables lists what a monitor can record: v (mV), ge and gi (nS).
func (IFCondParams) Variables() []Variable {
	return []Variable{{"v", "mV"}, {"ge", "nS"}, {"gi", "nS"}}
}

// IFCondState is the state of a population of IF-cond neurons.
type IFCondState struct {
	// V is the membrane potential, mV.
	V []float64
	// Ge and Gi are the synaptic conductances, nS.
	Ge, Gi []float64
	// Refr counts refractory steps (its meaning depends on the scheme).
	Refr []int32
}

// NewIFCondState returns the state of n neurons, all zero.
func NewIFCondState(n int) *IFCondState {
	return &IFCondState{V: make([]float64, n), Ge: make([]float64, n), Gi: make([]float64, n), Refr: make([]int32, n)}
}

// Var returns the slice of the named variable.
func (s *IFCondState) Var(name string) ([]float64, bool) {
	switch name {
	case "v":
		return s.V, true
	case "ge":
		return s.Ge, true
	case "gi":
		return s.Gi, true
	}
	return nil, false
}

// IFCondVars are the quantities derived from IFCondParams for one step.
type IFCondVars struct {
	p      IFCondParams
	scheme Scheme
	dt     float64
	// Exact conductance decay over a step and over half a step.
	decE, decI, halfE, halfI float64
	// Trapezoid rule: 2τm and the step.
	twoTau float64
	// lam holds the Lamina scheme's step constants.
	lam    ifCondLaminaConsts
	frozen int32
	nabs   int32
	f32    struct{ dt, dtTau, el, r, vth, vr, tauE, tauI, ee, ei float32 }
}

// Prepare derives the step quantities for time step dtMs and scheme s
// (lamina, euler or snnjl).
func (p IFCondParams) Prepare(dtMs float64, s Scheme) (*IFCondVars, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := checkStep(dtMs); err != nil {
		return nil, err
	}
	switch s {
	case SchemeLamina, SchemeEuler, SchemeSNNjl:
	default:
		return nil, noScheme(KindIFCond, s, SchemeLamina, SchemeEuler, SchemeSNNjl)
	}
	v := &IFCondVars{p: p, scheme: s, dt: dtMs}
	v.decE, v.decI = math.Exp(-dtMs/p.TauEMs), math.Exp(-dtMs/p.TauIMs)
	v.halfE, v.halfI = math.Exp(-dtMs/(2*p.TauEMs)), math.Exp(-dtMs/(2*p.TauIMs))
	v.twoTau = 2 * p.TauMMs
	v.frozen = frozenAfterSpike(p.TauRefMs, dtMs)
	v.nabs = roundSteps(p.TauRefMs, dtMs)
	h := dtMs
	v.lam = ifCondLaminaConsts{decE: v.decE, decI: v.decI, rhE: h * p.RGOhm * v.halfE, rhI: h * p.RGOhm * v.halfI,
		ee: p.EExcmV, ei: p.EInhmV, hel: 2 * h * p.ELmV, hr2: 2 * h * p.RGOhm,
		tauMinus: v.twoTau - h, tauPlus: v.twoTau + h, vth: p.VThmV, vr: p.VResetmV}
	f := &v.f32
	f.dt = float32(dtMs)
	f.dtTau = f.dt / float32(p.TauMMs)
	f.el, f.r, f.vth, f.vr = float32(p.ELmV), float32(p.RGOhm), float32(p.VThmV), float32(p.VResetmV)
	f.tauE, f.tauI, f.ee, f.ei = float32(p.TauEMs), float32(p.TauIMs), float32(p.EExcmV), float32(p.EInhmV)
	return v, nil
}

// Params returns the parameters the vars were derived from.
func (v *IFCondVars) Params() IFCondParams { return v.p }

// Init sets the scheme's initial refractory counters: SNN.jl starts every
// IF neuron with tabs = 1 (its first step is skipped); the other schemes
// start free.
func (v *IFCondVars) Init(s *IFCondState) {
	c := int32(0)
	if v.scheme == SchemeSNNjl {
		c = 1
	}
	for i := range s.Refr {
		s.Refr[i] = c
	}
}

// Step advances neurons [lo, hi) by one step. in[0] and in[1] hold the
// weights (nS) arriving on ge and gi at the start of the step; the kernel
// adds them and zeroes the buffers. iext[0], if not nil, holds the external
// current during the step (pA). The index of every neuron that fires is
// appended to fired, in increasing order.
//
// Lamina scheme: ge and gi decay exactly; v follows the trapezoid rule with
// the conductances frozen at their (exact) values at the step midpoint,
//
//	v1 = (v0 (2τm - h B) + 2h A) / (2τm + h B),
//	B = 1 + R (ge + gi),  A = EL + R (ge Ee + gi Ei) + R I,
//
// second order and A-stable, so stable in the high-conductance state.
// Euler scheme: v, ge and gi by forward Euler from the start-of-step values
// (Brian2's method='euler'). SNN.jl scheme: per step ge += in; ge +=
// dt·(-ge/τe) (likewise gi; under SNN.jl's @fastmath, computed as ge +
// ge·(-dt/τe)); then, unless refractory, v += dt/τm·(-(v-EL)
// + R·I - R·(ge(v-Ee) + gi(v-Ei))) with the new conductances; fire if v >
// VTh, reset at once and freeze v for round(τabs/dt) steps; float32.
func (v *IFCondVars) Step(s *IFCondState, lo, hi int, in, iext [][]float64, fired []int32) []int32 {
	vs := s.V[lo:hi]
	n := len(vs)
	ge, gi, refr := s.Ge[lo:hi][:n], s.Gi[lo:hi][:n], s.Refr[lo:hi][:n]
	inE, inI := in[0][lo:hi][:n], in[1][lo:hi][:n]
	var ix []float64
	if len(iext) > 0 && iext[0] != nil {
		ix = iext[0][lo:hi][:n]
	}
	p := v.p
	switch v.scheme {
	case SchemeLamina:
		m := 0
		if haveSIMD {
			m = ifCondLaminaSIMD(&v.lam, v.frozen, vs, ge, gi, inE, inI, refr, ix, &fired, lo)
		}
		var tail []float64
		if ix != nil {
			tail = ix[m:]
		}
		fired = v.lam.step(v.frozen, vs[m:], ge[m:], gi[m:], inE[m:], inI[m:], refr[m:], tail, fired, lo+m)
	case SchemeEuler:
		a := v.dt / p.TauMMs
		ae, ai := v.dt/p.TauEMs, v.dt/p.TauIMs
		for i := range vs {
			e, g := ge[i]+inE[i], gi[i]+inI[i]
			inE[i], inI[i] = 0, 0
			ge[i], gi[i] = e-ae*e, g-ai*g
			if refr[i] > 0 {
				refr[i]--
				continue
			}
			x := 0.0
			if ix != nil {
				x = ix[i]
			}
			u0 := vs[i]
			u := u0 + a*(-(u0-p.ELmV)-p.RGOhm*(e*(u0-p.EExcmV)+g*(u0-p.EInhmV))+p.RGOhm*x)
			if u > p.VThmV {
				u = p.VResetmV
				refr[i] = v.frozen
				fired = appendFired(fired, lo+i)
			}
			vs[i] = u
		}
	case SchemeSNNjl:
		// Constants in locals: the compiler cannot keep fields in
		// registers across the stores to the state slices. SNN.jl updates
		// the synapses under @fastmath, which lets the compiler replace
		// dt·(-g/τ) by g·(-dt/τ); so do we.
		f := v.f32
		kE, kI := -f.dt/f.tauE, -f.dt/f.tauI
		dtTau, el, r, ee, ei, vth, vr, nabs := f.dtTau, f.el, f.r, f.ee, f.ei, f.vth, f.vr, v.nabs
		for i := range vs {
			e := float32(ge[i]) + float32(inE[i])
			e = e + float32(e*kE)
			g := float32(gi[i]) + float32(inI[i])
			g = g + float32(g*kI)
			ge[i], gi[i] = float64(e), float64(g)
			if refr[i] > 0 {
				refr[i]--
				continue
			}
			u := float32(vs[i])
			// synaptic_current!(SingleExpSynapse), gsyn_e = gsyn_i = 1
			syn := float32(e*(u-ee)) + float32(g*(u-ei))
			x := float32(0)
			if ix != nil {
				x = float32(ix[i])
			}
			u = u + float32(dtTau*((-(u-el)+float32(r*x))-float32(r*syn)))
			if u > vth {
				u = vr
				refr[i] = nabs
				fired = appendFired(fired, lo+i)
			}
			vs[i] = float64(u)
		}
		clear(inE)
		clear(inI)
	}
	return fired
}

// ifCondLaminaConsts are the Lamina scheme's step constants for the
// IF-cond neuron, shared by the pure-Go and SIMD loops (so both use the
// same rounded values).
type ifCondLaminaConsts struct {
	// decE, decI: exact decay of ge, gi over a step.
	decE, decI float64
	// rhE, rhI: h·R·(decay over half a step), to give h·R·g at the
	// midpoint.
	rhE, rhI float64
	ee, ei   float64
	// hel = 2h·EL, hr2 = 2h·R.
	hel, hr2 float64
	// tauMinus, tauPlus: 2τm ∓ h.
	tauMinus, tauPlus float64
	vth, vr           float64
}

// step is the pure-Go loop of the Lamina scheme over neurons [0, len(vs))
// (local index i is neuron lo+i): the trapezoid step with h·R·g at the
// midpoint, em and gm,
//
//	v1 = (v0 (2τm - h - em - gm) + 2h EL + 2(em Ee + gm Ei) + 2hR I)
//	     / (2τm + h + em + gm).
//
// The inputs are added to ge and gi and zeroed; ix (external current, pA)
// may be nil.
func (c *ifCondLaminaConsts) step(frozen int32, vs, ge, gi, inE, inI []float64, refr []int32, ix []float64, fired []int32, lo int) []int32 {
	n := len(vs)
	ge, gi, refr, inE, inI = ge[:n], gi[:n], refr[:n], inE[:n], inI[:n]
	if ix != nil {
		ix = ix[:n]
	}
	// Constants in locals: the compiler cannot keep fields in registers
	// across the stores to the state slices.
	rhE, rhI, hel, hr2, ee, ei := c.rhE, c.rhI, c.hel, c.hr2, c.ee, c.ei
	tauMinus, tauPlus, vth, vr, decE, decI := c.tauMinus, c.tauPlus, c.vth, c.vr, c.decE, c.decI
	for i := range vs {
		e, g := ge[i]+inE[i], gi[i]+inI[i]
		ge[i], gi[i] = e*decE, g*decI
		if refr[i] > 0 {
			refr[i]--
			continue
		}
		em, gm := e*rhE, g*rhI
		b := em + gm
		a := hel + 2*(em*ee+gm*ei)
		if ix != nil {
			a += hr2 * ix[i]
		}
		u := (vs[i]*(tauMinus-b) + a) / (tauPlus + b)
		if u > vth {
			u = vr
			refr[i] = frozen
			fired = appendFired(fired, lo+i)
		}
		vs[i] = u
	}
	clear(inE)
	clear(inI)
	return fired
}
